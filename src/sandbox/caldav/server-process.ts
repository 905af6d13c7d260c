// Starting and stopping a real server as a child process on 127.0.0.1: a free
// port, its last output kept for the error when it does not come up, and a stop
// that escalates to SIGKILL. Used for the CalDAV servers the demo and the tests
// run (Radicale, xandikos), which are real programs rather than stand-ins.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  /** The last few kB the server printed, for an error message. */
  output(): string;
}

export function spawnServer(command: string, args: string[]): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const keep = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => text };
}

/** Resolves once `url` answers at all; throws if the process exits or 20 s pass. */
export async function waitForHttp(url: string, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}: ${server.output()}`);
    try {
      const res = await fetch(url, { method: 'OPTIONS' });
      await res.body?.cancel();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`server did not answer at ${url}: ${server.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

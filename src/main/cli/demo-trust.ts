// The demo talks to the Microsoft sandbox over https with a self-signed
// certificate, which Node trusts only through NODE_EXTRA_CA_CERTS, read at
// process start. So a demo started without it makes the certificate and runs
// itself again in a child that trusts it, waits for it, and removes the
// certificate afterwards. Ctrl+C reaches both (one process group): the child
// cleans up, and this process stays until it has.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSandboxCertificate, sandboxTlsEnv, sandboxTlsFromEnv } from '../../sandbox/microsoft';

/** Null when this process already trusts the sandbox; otherwise the exit code of the child that did the demo. */
export async function runTrustingSandbox(): Promise<number | null> {
  if (sandboxTlsFromEnv() !== null && process.env.NODE_EXTRA_CA_CERTS) return null;
  const made = createSandboxCertificate();
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...sandboxTlsEnv(made) } });
  const wait = (): void => undefined;
  const forward = (): void => void child.kill('SIGTERM');
  process.on('SIGINT', wait);
  process.on('SIGTERM', forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    process.off('SIGINT', wait);
    process.off('SIGTERM', forward);
    rmSync(dirname(made.certPath), { recursive: true, force: true });
  }
}

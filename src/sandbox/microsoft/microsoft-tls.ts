// The Graph client only talks to a custom host over https, and MSAL only accepts
// an https authority, so the sandbox serves TLS with a self-signed certificate
// for 127.0.0.1, made with the machine's openssl. A process trusts it through
// NODE_EXTRA_CA_CERTS, which Node reads only at start: a test run makes it in a
// global setup before the workers fork (see test/fixtures/microsoft-tls-setup.ts)
// and hands the paths down through the environment.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SandboxTls {
  key: string;
  cert: string;
}

/** Set by whoever made the certificate for this process tree. */
export const TLS_KEY_ENV = 'CCAL_SANDBOX_TLS_KEY';
export const TLS_CERT_ENV = 'CCAL_SANDBOX_TLS_CERT';

export interface MadeCertificate extends SandboxTls {
  keyPath: string;
  certPath: string;
}

/** A new EC key and a certificate for 127.0.0.1 and localhost, valid a week, in a fresh folder. */
export function createSandboxCertificate(dir = mkdtempSync(join(tmpdir(), 'ccal-ms-tls-'))): MadeCertificate {
  const keyPath = join(dir, 'sandbox-key.pem');
  const certPath = join(dir, 'sandbox-cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '7', '-subj', '/CN=Career Copilot Calendar sandbox', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-addext', 'basicConstraints=critical,CA:TRUE'],
      { stdio: 'ignore', timeout: 30_000 },
    );
  } catch (cause) {
    throw new Error('The Microsoft sandbox needs openssl to make its TLS certificate; install it (apt-get install openssl) and retry.', { cause });
  }
  return { keyPath, certPath, key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/** The certificate named by the environment, or null. */
export function sandboxTlsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxTls | null {
  const keyPath = env[TLS_KEY_ENV];
  const certPath = env[TLS_CERT_ENV];
  if (!keyPath || !certPath || !existsSync(keyPath) || !existsSync(certPath)) return null;
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/**
 * A CA bundle for NODE_EXTRA_CA_CERTS: whatever bundle the environment already
 * named (replacing it would drop a corporate proxy's CA) plus the sandbox's.
 */
export function writeTrustBundle(made: MadeCertificate, env: NodeJS.ProcessEnv = process.env): string {
  const path = join(made.certPath, '..', 'trust-bundle.pem');
  const previous = env.NODE_EXTRA_CA_CERTS && existsSync(env.NODE_EXTRA_CA_CERTS) ? readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
  writeFileSync(path, `${previous.trimEnd()}\n${made.cert}`.trimStart());
  return path;
}

/** The environment a child process needs to run the sandbox and trust it. */
export function sandboxTlsEnv(made: MadeCertificate, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { [TLS_KEY_ENV]: made.keyPath, [TLS_CERT_ENV]: made.certPath, NODE_EXTRA_CA_CERTS: writeTrustBundle(made, env) };
}

/**
 * For a script that starts the sandbox in its own process (the benchmark, a
 * demo): when no sandbox certificate is trusted yet, makes one and runs the same
 * command again in a child that trusts it, mirroring its exit code. Returns true
 * when it did, and the caller should do nothing more.
 */
export function relaunchTrustingSandbox(): boolean {
  if (sandboxTlsFromEnv() !== null) return false;
  const made = createSandboxCertificate();
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...sandboxTlsEnv(made) } });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return true;
}

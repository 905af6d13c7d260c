// The Content-Security-Policy of the app page (DESIGN §9), in one place for every
// server of that page: Electron sets it as a header on its session, the web host
// (src/main/host) sends it with the page, and index.html repeats it in a meta tag
// for file:// loads, which carry no headers. Only the dev server gets inline
// scripts and its HMR socket.
const STRICT: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  // 'self' also covers the web host's own ws:// origin (CSP Level 3).
  'connect-src': "'self'",
  'img-src': "'self' data:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'none'",
};

export function contentSecurityPolicy(dev: boolean): string {
  const directives = dev
    ? { ...STRICT, 'script-src': "'self' 'unsafe-inline'", 'connect-src': "'self' ws://localhost:* ws://127.0.0.1:*" }
    : STRICT;
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

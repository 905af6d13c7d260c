// The Content-Security-Policy of the app page (DESIGN §9). The same policy is in
// index.html's meta tag, which covers file:// loads (they carry no HTTP headers);
// this header covers the dev server. Only the dev server gets inline scripts and
// its HMR socket.
const STRICT: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
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

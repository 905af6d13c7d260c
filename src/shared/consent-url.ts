// Which URLs the app may hand to the system browser for a sign-in: http(s)
// only (never file:, javascript: or a custom scheme that launches a program), no
// credentials in it, and only on an origin the configuration names as a sign-in
// page. Used by the command line and the desktop shell alike.
export function consentUrlPolicy(allowedPages: readonly string[]): (url: string) => boolean {
  const origins = new Set<string>();
  for (const page of allowedPages) {
    try {
      origins.add(new URL(page).origin);
    } catch {
      // a malformed configured URL allows nothing
    }
  }
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
    if (parsed.username || parsed.password) return false;
    return origins.has(parsed.origin);
  };
}

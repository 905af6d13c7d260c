// Plays the user's browser for the sandbox's consent page: loads it, then follows
// its redirect to the app's loopback listener, as a browser would after "Allow".
// Used by the demo, the tests and the benchmark.
export async function approveInSandboxBrowser(consentUrl: string): Promise<boolean> {
  const consent = await fetch(consentUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) return false;
  await fetch(location);
  return true;
}

// Plays the user's browser for the sandbox's sign-in: loads the authorize URL,
// then follows its redirect to the app's loopback listener, as a browser would
// after the user signs in and accepts. Used by the demo, the tests and the benchmark.
export async function approveInMicrosoftSandboxBrowser(authorizeUrl: string): Promise<boolean> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = page.headers.get('location');
  await page.body?.cancel();
  if (!location) return false;
  const callback = await fetch(location);
  await callback.text();
  return true;
}

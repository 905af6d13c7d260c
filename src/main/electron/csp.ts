// The app page's Content-Security-Policy, which Electron sets as a header on its
// session (window.ts). The policy itself lives in src/shared/csp.ts so the web
// host serves the very same one; this module keeps Electron's import path.
export { contentSecurityPolicy } from '../../shared/csp';

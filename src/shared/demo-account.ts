// The sandbox demo's Career Copilot account ("ccal demo"). Not a secret: it
// exists only in the local stand-in the demo starts, and the demo's welcome
// screen shows it so a visitor can sign in again after signing out.
export const DEMO_ACCOUNT = { email: 'demo@careercopilot.example', password: 'demo-password' } as const;

/** The query parameter the web host adds to the page address when it serves the demo. */
export const DEMO_PARAM = 'demo';

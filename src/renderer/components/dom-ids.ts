// Element ids the alert banner's buttons (and a notification's click) move focus or scroll to.
export const SIGN_IN_EMAIL_ID = 'signin-email';
export const CONFLICTS_ID = 'conflicts';
export const SYNC_ID = 'sync';

// Element ids the alert banner's buttons move focus or scroll to.
export const SIGN_IN_EMAIL_ID = 'signin-email';
export const CONFLICTS_ID = 'conflicts';

// Who is signed in to Career Copilot, or the form to sign in.
import { useStateStore } from '../stores/state-store';
import { SignInForm } from './SignInForm';

export function StatusHeader() {
  const copilot = useStateStore((s) => s.state?.copilot);
  const signOut = useStateStore((s) => s.signOut);
  return (
    <header className="app-header">
      <div className="brand">
        <BrandMark />
        <h1>Career Copilot Calendar</h1>
      </div>
      {copilot?.signedIn ? (
        <div className="who">
          <span>
            Signed in as <strong>{copilot.email ?? 'your Career Copilot account'}</strong>
          </span>
          <button type="button" className="quiet" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      ) : (
        <SignInForm />
      )}
    </header>
  );
}

/** The tray icon's calendar-with-a-check, drawn inline so the page loads no image. */
function BrandMark() {
  return (
    <svg className="brand-mark" width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="3" y="5" width="26" height="24" rx="4" fill="#1f6f8b" />
      <rect x="5.5" y="12" width="21" height="14.5" rx="2" fill="#fff" />
      <rect x="8" y="2" width="3" height="6" rx="1.2" fill="#1f6f8b" />
      <rect x="21" y="2" width="3" height="6" rx="1.2" fill="#1f6f8b" />
      <path d="M10 19.5l4 4 8-8.5" fill="none" stroke="#2e9e6b" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

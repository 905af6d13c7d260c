// Career Copilot sign-in. The password goes to main once and is never kept here.
import { useState, type FormEvent } from 'react';
import { DEMO_ACCOUNT, DEMO_PARAM } from '../../shared/demo-account';
import { useStateStore } from '../stores/state-store';
import { SIGN_IN_EMAIL_ID } from './dom-ids';
import { FormError } from './FormError';

/** The page was opened by "ccal demo --ui": its sandbox account may be shown. */
function isDemo(): boolean {
  return new URLSearchParams(location.search).get(DEMO_PARAM) === '1';
}

export function SignInForm() {
  const signIn = useStateStore((s) => s.signIn);
  const error = useStateStore((s) => s.signInError);
  const baseUrl = useStateStore((s) => s.state?.copilot.baseUrl ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const demo = isDemo();

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const ok = await signIn(email.trim(), password);
    setBusy(false);
    // Drop the password from memory either way; on failure the user retypes it.
    setPassword('');
    if (ok) setEmail('');
  }

  return (
    <form className="signin" aria-labelledby="signin-title" onSubmit={(e) => void submit(e)}>
      <h2 id="signin-title">Sign in to Career Copilot</h2>
      <p className="muted">Use the email and password of your Career Copilot account{baseUrl ? ` (at ${hostOf(baseUrl)})` : ''}.</p>
      {demo && (
        <div className="demo-hint" role="note" aria-label="Demo account">
          <p>
            This is the demo, against a local stand-in of Career Copilot. Sign in as <strong>{DEMO_ACCOUNT.email}</strong> with the password{' '}
            <strong>{DEMO_ACCOUNT.password}</strong>.
          </p>
          <button
            type="button"
            onClick={() => {
              setEmail(DEMO_ACCOUNT.email);
              setPassword(DEMO_ACCOUNT.password);
            }}
          >
            Fill in the demo account
          </button>
        </div>
      )}
      <div className="signin-fields">
        <label>
          Email
          <input id={SIGN_IN_EMAIL_ID} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
      <FormError message={error} />
    </form>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

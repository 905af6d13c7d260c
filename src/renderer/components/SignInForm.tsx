// Career Copilot sign-in. The password goes to main once and is never kept here.
import { useState, type FormEvent } from 'react';
import { useStateStore } from '../stores/state-store';
import { SIGN_IN_EMAIL_ID } from './dom-ids';
import { FormError } from './FormError';

export function SignInForm() {
  const signIn = useStateStore((s) => s.signIn);
  const error = useStateStore((s) => s.signInError);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

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
      <h2 id="signin-title" className="signin-title">
        Sign in to Career Copilot
      </h2>
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

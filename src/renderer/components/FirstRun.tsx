// The first run, one step per screen: sign in to Career Copilot, connect a
// calendar, choose what syncs. Signing out comes back to the first step.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ItemKind } from '../../shared/domain';
import { detectedZone } from '../format';
import { useStateStore } from '../stores/state-store';
import { useSyncStore } from '../stores/sync-store';
import { useUiStore } from '../stores/ui-store';
import { AlertsBanner } from './AlertsBanner';
import { accountLabel, accountTitle } from '../provider-words';
import { CalendarPicker } from './CalendarPicker';
import { ConnectCards } from './ConnectCards';
import { FormError } from './FormError';
import { BrandMark } from './Icons';
import { KIND_LABELS } from './labels';
import { SignInForm } from './SignInForm';
import { ZonePicker } from './ZonePicker';

const STEPS = ['Sign in', 'Connect a calendar', 'Choose what syncs'] as const;

function FirstRunPage({ step, children }: { step: 0 | 1 | 2; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <main id="main" className="first-run" tabIndex={-1}>
        <header className="first-run-head">
          <BrandMark size={40} />
          <div>
            <h1>Career Copilot Calendar</h1>
            <p className="muted">Your interviews and follow-ups from Career Copilot, in your own calendar — and back.</p>
          </div>
        </header>
        <ol className="steps" aria-label="Getting started">
          {STEPS.map((name, i) => (
            <li key={name} className={i < step ? 'done' : i === step ? 'current' : ''} aria-current={i === step ? 'step' : undefined}>
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              {name}
              {i < step && <span className="visually-hidden"> (done)</span>}
            </li>
          ))}
        </ol>
        <AlertsBanner hideSignIn />
        <div className="panel first-run-panel">{children}</div>
      </main>
    </>
  );
}

export function Welcome() {
  return (
    <FirstRunPage step={0}>
      <ul className="promises">
        <li>New or moved interviews appear in your calendar within a minute.</li>
        <li>Move one in your calendar, and Career Copilot gets the new time.</li>
        <li>Your password and access tokens stay on this computer.</li>
      </ul>
      <SignInForm />
    </FirstRunPage>
  );
}

export function ConnectStep() {
  const skip = useUiStore((s) => s.skipSetup);
  return (
    <FirstRunPage step={1}>
      <h2>Connect a calendar</h2>
      <p className="muted">
        Google and Outlook open their own sign-in page in your browser, so the app never sees your password. A CalDAV calendar (iCloud, Fastmail, Nextcloud) takes an
        app-specific password, kept in this computer&apos;s keychain.
      </p>
      <div className="cards">
        <ConnectCards firstRun onConnected={() => useUiStore.getState().setSetup('choose')} />
      </div>
      <div className="card-actions">
        <button type="button" className="quiet" onClick={skip}>
          Skip for now
        </button>
      </div>
    </FirstRunPage>
  );
}

export function ChooseStep() {
  const preferences = useStateStore((s) => s.state?.preferences);
  const accounts = useStateStore((s) => s.state?.accounts);
  const save = useStateStore((s) => s.savePreferences);
  const error = useStateStore((s) => s.preferencesError);
  const syncNow = useSyncStore((s) => s.syncNow);
  const finish = useUiStore((s) => s.setSetup);
  const detected = detectedZone();
  // The preference is still the default (UTC) on a first run: offer the computer's zone.
  const [zone, setZone] = useState(preferences && preferences.timeZone !== 'UTC' ? preferences.timeZone : detected);
  const [kinds, setKinds] = useState(preferences?.kinds ?? { interview: true, follow_up: true, reminder: true });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const ok = await save({ kinds, timeZone: zone });
    setBusy(false);
    if (!ok) return;
    finish(null);
    void syncNow();
  }

  return (
    <FirstRunPage step={2}>
      <form className="choose" aria-labelledby="choose-title" onSubmit={(e) => void submit(e)}>
        <h2 id="choose-title">Choose what syncs</h2>
        <fieldset>
          <legend>Put in my calendar</legend>
          {(['interview', 'follow_up', 'reminder'] as ItemKind[]).map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={kinds[kind]} onChange={(e) => setKinds({ ...kinds, [kind]: e.target.checked })} />
              {kind === 'reminder' ? 'Reminders before interviews' : `${KIND_LABELS[kind]}s`}
            </label>
          ))}
        </fieldset>
        <ZonePicker value={zone} onChange={setZone} detected={detected} />
        {accounts && accounts.length > 0 && (
          <fieldset>
            <legend>Where the events go</legend>
            {accounts.map((account) => (
              <div key={account.id} className="choose-calendar" role="group" aria-label={`${accountTitle(account)}: ${accountLabel(account)}`}>
                <p className="account-email">
                  {accountTitle(account)} · {accountLabel(account)}
                </p>
                <CalendarPicker account={account} />
              </div>
            ))}
          </fieldset>
        )}
        <div className="card-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Start syncing'}
          </button>
        </div>
        <FormError message={error} />
      </form>
    </FirstRunPage>
  );
}

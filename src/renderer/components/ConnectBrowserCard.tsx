// The card that connects a calendar whose sign-in happens in the browser
// (Google, Outlook): what the app will be able to see, the option of a calendar
// of its own, and while the sign-in page is open, where to finish — with the
// page's address when no browser opened.
import { useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { waitingWords, type BrowserProvider } from '../provider-words';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';
import { PROVIDER_NAMES } from './labels';

const WORDS: Record<BrowserProvider, { about: string; separate: string }> = {
  google: {
    about: "Your browser opens Google's consent page; the app only gets access to calendar events.",
    separate: 'Most private: use a separate “Career Copilot” calendar, and let the app see no other',
  },
  microsoft: {
    about: "Your browser opens Microsoft's sign-in page (work, school or personal account); the app gets access to your calendars and your name and address, nothing else.",
    // Outlook has no narrower permission than all calendars, so this option is tidiness, not privacy.
    separate: 'Put the events in a separate “Career Copilot” calendar',
  },
};

export function ConnectBrowserCard({ provider, onConnected }: { provider: BrowserProvider; onConnected?(account: AccountView): void }) {
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const consentUrl = useStateStore((s) => s.consentUrl);
  const error = useStateStore((s) => (s.connectError?.provider === provider ? s.connectError.message : null));
  const [separate, setSeparate] = useState(false);
  const waiting = connecting === provider;
  const titleId = `connect-${provider}`;

  async function start(): Promise<void> {
    const account = await connect(provider, separate ? { dedicatedCalendar: true } : {});
    if (account) onConnected?.(account);
  }

  return (
    <article className="card account status-disconnected" aria-labelledby={titleId}>
      <header className="card-head">
        <h3 id={titleId}>{PROVIDER_NAMES[provider]}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          Not connected
        </span>
      </header>
      <p className="muted">{WORDS[provider].about}</p>
      <label className="check">
        <input type="checkbox" checked={separate} disabled={waiting} onChange={(e) => setSeparate(e.target.checked)} />
        {WORDS[provider].separate}
      </label>
      <div className="card-actions">
        <button type="button" className="primary" disabled={connecting !== null} onClick={() => void start()}>
          {waiting ? waitingWords(provider) : 'Connect'}
        </button>
        <CancelSignIn waiting={waiting} />
      </div>
      <ConsentHint waiting={waiting} url={consentUrl} />
      <FormError message={error} />
    </article>
  );
}

/** While a sign-in page is open: the way out when the user changes their mind or closed the browser. */
export function CancelSignIn({ waiting }: { waiting: boolean }) {
  const cancel = useStateStore((s) => s.cancelConnect);
  if (!waiting) return null;
  return (
    <button type="button" className="quiet" onClick={() => void cancel()}>
      Cancel
    </button>
  );
}

/** While a sign-in page is open: finish there, or open this address if no browser came up. */
export function ConsentHint({ waiting, url }: { waiting: boolean; url: string | null }) {
  return (
    <div aria-live="polite">
      {waiting && (
        <p className="consent">
          Finish in your browser{url ? '. If it did not open, copy this address into it: ' : '…'}
          {url && <code className="url">{url}</code>}
        </p>
      )}
    </div>
  );
}

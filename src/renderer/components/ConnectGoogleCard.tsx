// The card that connects Google Calendar: what the app will be able to see, the
// most private option, and while the consent page is open, where to finish.
import { useState } from 'react';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';
import { PROVIDER_NAMES } from './labels';

export function ConnectGoogleCard({ onConnected }: { onConnected?(): void }) {
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const consentUrl = useStateStore((s) => s.consentUrl);
  const error = useStateStore((s) => s.accountError);
  const [dedicated, setDedicated] = useState(false);
  const waiting = connecting === 'google';

  async function start(): Promise<void> {
    if (await connect('google', { dedicatedCalendar: dedicated })) onConnected?.();
  }

  return (
    <article className="card account status-disconnected" aria-labelledby="connect-google">
      <header className="card-head">
        <h3 id="connect-google">{PROVIDER_NAMES.google}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          Not connected
        </span>
      </header>
      <p className="muted">Your browser opens Google&apos;s consent page; the app only gets access to calendar events.</p>
      <label className="check">
        <input type="checkbox" checked={dedicated} disabled={waiting} onChange={(e) => setDedicated(e.target.checked)} />
        Most private: use a separate &ldquo;Career Copilot&rdquo; calendar, and let the app see no other
      </label>
      <div className="card-actions">
        <button type="button" className="primary" disabled={connecting !== null} onClick={() => void start()}>
          {waiting ? 'Waiting for Google…' : 'Connect'}
        </button>
      </div>
      <div aria-live="polite">
        {waiting && (
          <p className="consent">
            Finish in your browser{consentUrl ? '. If it did not open, copy this address into it: ' : '…'}
            {consentUrl && <code className="url">{consentUrl}</code>}
          </p>
        )}
      </div>
      <FormError message={error} />
    </article>
  );
}

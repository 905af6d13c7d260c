// The card that connects a CalDAV calendar (iCloud, Fastmail, Nextcloud, any
// CalDAV server): there is no sign-in page, so the app asks for an app-specific
// password, checks it against the server and keeps it in the keychain. Among
// connected accounts the form waits behind its button, so it does not crowd them.
import { useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { CaldavForm } from './CaldavForm';
import { PROVIDER_NAMES } from './labels';

export function ConnectCaldavCard({ onConnected, startOpen = true }: { onConnected?(account: AccountView): void; startOpen?: boolean }) {
  const [open, setOpen] = useState(startOpen);
  return (
    <article className="card account status-disconnected" aria-labelledby="connect-caldav">
      <header className="card-head">
        <h3 id="connect-caldav">{PROVIDER_NAMES.caldav}</h3>
        <span className="status-pill">
          <span className="dot" aria-hidden="true" />
          Not connected
        </span>
      </header>
      <p className="muted">The app checks an app-specific password with your server and then shows your calendars. It only writes the events it adds.</p>
      {open ? (
        <CaldavForm start={{ server: 'icloud', otherUrl: '', username: '' }} submitLabel="Connect" focusFirst={!startOpen} onConnected={onConnected} />
      ) : (
        <div className="card-actions">
          <button type="button" className="primary" onClick={() => setOpen(true)}>
            Connect
          </button>
        </div>
      )}
    </article>
  );
}

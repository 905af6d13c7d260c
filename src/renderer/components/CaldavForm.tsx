// The CalDAV sign-in: the server (iCloud, Fastmail, or any address), the user
// name and an app-specific password. The password lives only in this form's
// state until it is sent to main, and is emptied right after, whatever the
// answer; it never reaches a store, the page's address or the screen.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { CALDAV_PRESETS, type CaldavPreset } from '../../shared/caldav-presets';
import type { AccountView } from '../../shared/domain';
import { APP_PASSWORD_PLACES, caldavPresetOf, waitingWords } from '../provider-words';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';

export type ServerChoice = CaldavPreset | 'other';

export interface CaldavFormStart {
  server: ServerChoice;
  /** The address typed for "Other". */
  otherUrl: string;
  username: string;
}

const CHOICES: { value: ServerChoice; label: string }[] = [
  { value: 'icloud', label: CALDAV_PRESETS.icloud.label },
  { value: 'fastmail', label: CALDAV_PRESETS.fastmail.label },
  { value: 'other', label: 'Other (Nextcloud, your own server…)' },
];

const USERNAME_HINTS: Record<ServerChoice, string> = {
  icloud: 'Your Apple Account email.',
  fastmail: 'Your Fastmail address.',
  other: 'The user name you sign in to that server with.',
};

/** The address as typed, with https:// added when the user left the scheme out. */
export function serverAddress(typed: string): string {
  const trimmed = typed.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function isWebAddress(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (protocol === 'https:' || protocol === 'http:') && hostname.length > 0;
}

export interface CaldavFormProps {
  start: CaldavFormStart;
  submitLabel: string;
  /** A reconnect: the server choice and user name stay those of the account. */
  lockAccount?: boolean;
  /** Opened by a click: focus goes to the first field to fill in. */
  focusFirst?: boolean;
  onConnected?(account: AccountView): void;
}

export function CaldavForm({ start, submitLabel, lockAccount = false, focusFirst = false, onConnected }: CaldavFormProps) {
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const error = useStateStore((s) => (s.connectError?.provider === 'caldav' ? s.connectError.message : null));
  const id = useId();
  const [server, setServer] = useState<ServerChoice>(start.server);
  const [otherUrl, setOtherUrl] = useState(start.otherUrl);
  const [username, setUsername] = useState(start.username);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const waiting = connecting === 'caldav';
  const firstField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusFirst) firstField.current?.focus();
  }, [focusFirst]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const serverUrl = server === 'other' ? serverAddress(otherUrl) : CALDAV_PRESETS[server].serverUrl;
    if (!isWebAddress(serverUrl)) {
      setProblem('Enter the server address, for example https://cloud.example.com/remote.php/dav.');
      return;
    }
    setProblem(null);
    const typed = password;
    // Gone from the form before the answer comes: a wrong one is typed again, a right one is not needed here any more.
    setPassword('');
    const account = await connect('caldav', { caldav: { serverUrl, username: username.trim(), password: typed } });
    if (account) onConnected?.(account);
  }

  return (
    <form className="caldav-form" aria-label={submitLabel === 'Connect' ? 'Connect a CalDAV calendar' : 'Enter the app-specific password again'} onSubmit={(e) => void submit(e)}>
      <fieldset disabled={waiting || lockAccount}>
        <legend>Server</legend>
        <div className="choice-row">
          {CHOICES.map((c) => (
            <label key={c.value} className="check">
              <input type="radio" name={`${id}-server`} value={c.value} checked={server === c.value} onChange={() => setServer(c.value)} />
              {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      {server === 'other' && (
        <label className="stacked">
          Server address
          <input type="text" inputMode="url" autoComplete="url" spellCheck={false} required placeholder="https://cloud.example.com/remote.php/dav" value={otherUrl} disabled={waiting} onChange={(e) => setOtherUrl(e.target.value)} />
        </label>
      )}
      <label className="stacked">
        User name
        <input ref={firstField} type="text" autoComplete="username" spellCheck={false} required value={username} disabled={waiting || lockAccount} aria-describedby={`${id}-user`} onChange={(e) => setUsername(e.target.value)} />
        <span id={`${id}-user`} className="hint">
          {USERNAME_HINTS[server]}
        </span>
      </label>
      <label className="stacked">
        App-specific password
        {/* autoComplete off: a browser offering to save it would keep a copy outside the keychain. */}
        <input type="password" autoComplete="off" required value={password} disabled={waiting} aria-describedby={`${id}-password`} onChange={(e) => setPassword(e.target.value)} />
        <span id={`${id}-password`} className="hint">
          Not your usual password: make one for this app at {APP_PASSWORD_PLACES[server]}. It is kept in this computer&apos;s keychain only.
        </span>
      </label>
      <div className="card-actions">
        <button type="submit" className="primary" disabled={connecting !== null}>
          {waiting ? waitingWords('caldav') : submitLabel}
        </button>
      </div>
      <FormError message={problem ?? error} />
    </form>
  );
}

/** Where a reconnect form starts: the account's server and user name, from the `user@host` it is named by. */
export function startFor(account: Pick<AccountView, 'email'>): CaldavFormStart {
  const at = account.email.lastIndexOf('@');
  const username = account.email.slice(0, at);
  const host = account.email.slice(at + 1);
  const preset = caldavPresetOf(account);
  if (preset !== 'other') return { server: preset, otherUrl: '', username };
  // The core names the account by host only (the path may need typing again); a server on this computer speaks plain http, any other https.
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return { server: 'other', otherUrl: `${local ? 'http' : 'https'}://${host}`, username };
}

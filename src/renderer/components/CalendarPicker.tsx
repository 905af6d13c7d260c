// Which calendar an account writes to, by its name, and the choice of another
// (listCalendars / setCalendar). Outlook and CalDAV list their calendars with the
// access the app already has; Google only after the user allows the calendar list
// (asked for when they want to choose, not before); a private Google calendar is
// the only one that account can see.
import { useEffect, useId, useState } from 'react';
import type { AccountView } from '../../shared/domain';
import { isPrivateGoogle } from '../reconnect';
import { waitingWords } from '../provider-words';
import { currentCalendar, useCalendarsStore } from '../stores/calendars-store';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';

/** The calendar's name before (or without) the list: the services' main-calendar aliases read as "Main calendar". */
export function calendarName(account: AccountView): string {
  if (isPrivateGoogle(account)) return 'Career Copilot (private)';
  if (account.calendarId === 'primary' || account.calendarId === 'default') return 'Main calendar';
  // A calendar the user picked: its id is a long address-like string, not a name.
  return 'A calendar you chose';
}

type Mode = 'fixed' | 'ask' | 'list';

function modeOf(account: AccountView): Mode {
  if (isPrivateGoogle(account)) return 'fixed';
  if (account.provider === 'google' && !account.scopes.some((s) => s.endsWith('/calendar.calendarlist.readonly'))) return 'ask';
  return 'list';
}

function Current({ account }: { account: AccountView }) {
  return (
    <p className="calendar-line">
      Calendar: <strong title={account.calendarId}>{calendarName(account)}</strong>
    </p>
  );
}

export function CalendarPicker({ account }: { account: AccountView }) {
  const mode = modeOf(account);
  const connected = account.status === 'connected';
  const load = useCalendarsStore((s) => s.load);
  useEffect(() => {
    if (mode === 'list' && connected) void load(account.id);
  }, [account.id, mode, connected, load]);

  // A CalDAV calendar is named by its address, which says nothing until the list names it again.
  if (!connected && account.provider === 'caldav') return null;
  if (mode === 'fixed' || !connected) return <Current account={account} />;
  if (mode === 'ask') return <AskForList account={account} />;
  return <ListedCalendars account={account} />;
}

/** Google without the calendar list: one click asks Google for it, then the list shows. */
function AskForList({ account }: { account: AccountView }) {
  const connect = useStateStore((s) => s.connect);
  const connecting = useStateStore((s) => s.connecting);
  const hint = useId();
  return (
    <div className="calendar-pick">
      <Current account={account} />
      <button type="button" disabled={connecting !== null} aria-describedby={hint} onClick={() => void connect('google', { calendarList: true })}>
        {connecting === 'google' ? waitingWords('google') : 'Choose another calendar'}
      </button>
      <p id={hint} className="hint">
        Google asks you once to let the app see the list of your calendars.
      </p>
    </div>
  );
}

function ListedCalendars({ account }: { account: AccountView }) {
  const list = useCalendarsStore((s) => s.lists[account.id]);
  const load = useCalendarsStore((s) => s.load);
  const choose = useCalendarsStore((s) => s.choose);
  const saving = useCalendarsStore((s) => s.saving === account.id);
  const [choice, setChoice] = useState<string | null>(null);
  const id = useId();

  if (!list || list.status === 'loading') {
    return (
      <p className="calendar-line muted" aria-live="polite">
        Calendar: loading your calendars…
      </p>
    );
  }
  if (list.status === 'failed') {
    return (
      <div className="calendar-pick">
        <Current account={account} />
        <FormError message={list.message} />
        <button type="button" onClick={() => void load(account.id)}>
          Try again
        </button>
      </div>
    );
  }
  const current = currentCalendar(account, list.calendars);
  // Read-only calendars cannot take the events; the current one stays listed whatever it is.
  const offered = list.calendars.filter((c) => c.canWrite || c === current);
  const selected = choice ?? current?.id ?? '';
  const changed = selected !== (current?.id ?? '');

  async function save(): Promise<void> {
    if (await choose(account.id, selected)) setChoice(null);
  }

  return (
    <div className="calendar-pick">
      <label htmlFor={id}>Calendar</label>
      <select id={id} value={selected} disabled={saving} aria-describedby={`${id}-hint`} onChange={(e) => setChoice(e.target.value)}>
        {!current && <option value="">{calendarName(account)}</option>}
        {offered.map((c) => (
          <option key={c.id} value={c.id}>
            {c.primary ? `${c.name} (main)` : c.name}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {changed ? 'The events the app added move to the calendar you choose.' : 'Where the app puts your interviews and follow-ups.'}
      </p>
      {changed && (
        <div className="card-actions">
          <button type="button" className="primary" disabled={saving} onClick={() => void save()}>
            {saving ? 'Moving…' : 'Use this calendar'}
          </button>
          <button type="button" className="quiet" disabled={saving} onClick={() => setChoice(null)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}

// What syncs and how it looks in the calendar. Edits stay a draft until Save, so
// a half-typed time zone or number is never sent.
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { ConflictPolicy, Preferences } from '../../shared/domain';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';

type Draft = Pick<Preferences, 'kinds' | 'reminderMinutes' | 'reminderStyle' | 'detail' | 'timeZone' | 'conflictPolicy'>;

const POLICIES: { value: ConflictPolicy; label: string }[] = [
  { value: 'ask', label: 'Ask me each time' },
  { value: 'keep_copilot', label: "Keep Career Copilot's" },
  { value: 'keep_calendar', label: "Keep the calendar's" },
  { value: 'keep_both', label: 'Keep both' },
];

function draftOf(p: Preferences): Draft {
  return { kinds: p.kinds, reminderMinutes: p.reminderMinutes, reminderStyle: p.reminderStyle, detail: p.detail, timeZone: p.timeZone, conflictPolicy: p.conflictPolicy };
}

function PreferencesForm({ preferences, status, setStatus }: { preferences: Preferences; status: string; setStatus(status: string): void }) {
  const save = useStateStore((s) => s.savePreferences);
  const error = useStateStore((s) => s.preferencesError);
  const [draft, setDraft] = useState<Draft>(() => draftOf(preferences));
  const zonesId = useId();
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const update = (patch: Partial<Draft>): void => {
    setStatus('');
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setStatus('Saving…');
    setStatus((await save(draft)) ? 'Saved.' : '');
  }

  return (
    <form className="prefs" onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>Put in my calendar</legend>
        <label className="check">
          <input type="checkbox" checked={draft.kinds.interview} onChange={(e) => update({ kinds: { ...draft.kinds, interview: e.target.checked } })} />
          Interviews
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.kinds.follow_up} onChange={(e) => update({ kinds: { ...draft.kinds, follow_up: e.target.checked } })} />
          Follow-ups
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.kinds.reminder} onChange={(e) => update({ kinds: { ...draft.kinds, reminder: e.target.checked } })} />
          Reminders
        </label>
      </fieldset>

      <fieldset>
        <legend>Before an interview</legend>
        <label className="check">
          <input type="radio" name="reminderStyle" checked={draft.reminderStyle === 'alert'} onChange={() => update({ reminderStyle: 'alert' })} />
          A reminder alert on the event
        </label>
        <label className="check">
          <input type="radio" name="reminderStyle" checked={draft.reminderStyle === 'block'} onChange={() => update({ reminderStyle: 'block' })} />
          A separate “Prepare for …” block
        </label>
        <label className="inline">
          <input
            type="number"
            min={0}
            max={40320}
            step={5}
            required
            value={draft.reminderMinutes}
            onChange={(e) => update({ reminderMinutes: e.target.valueAsNumber })}
          />
          minutes before
        </label>
      </fieldset>

      <fieldset>
        <legend>What the calendar shows</legend>
        <label className="check">
          <input type="radio" name="detail" checked={draft.detail === 'full'} onChange={() => update({ detail: 'full' })} />
          Titles, places and notes
        </label>
        <label className="check">
          <input type="radio" name="detail" checked={draft.detail === 'busy_only'} onChange={() => update({ detail: 'busy_only' })} />
          Only “Busy”
        </label>
      </fieldset>

      <label className="stacked">
        Time zone
        <input type="text" list={zonesId} required spellCheck={false} value={draft.timeZone} onChange={(e) => update({ timeZone: e.target.value })} />
        <datalist id={zonesId}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>

      <label className="stacked">
        When both sides changed
        <select value={draft.conflictPolicy} onChange={(e) => update({ conflictPolicy: e.target.value as ConflictPolicy })}>
          {POLICIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>

      <div className="prefs-actions">
        <button type="submit" className="primary">
          Save preferences
        </button>
        <span className="muted" aria-live="polite">
          {status}
        </span>
      </div>
      <FormError message={error} />
    </form>
  );
}

export function PreferencesPanel() {
  const preferences = useStateStore((s) => s.state?.preferences);
  // Held here, not in the form: a successful save remounts the form (new key).
  const [status, setStatus] = useState('');
  if (!preferences) return null;
  return (
    <section className="panel" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Preferences</h2>
      {/* Remount with fresh values when the saved preferences change elsewhere (the CLI, another window). */}
      <PreferencesForm key={JSON.stringify(preferences)} preferences={preferences} status={status} setStatus={setStatus} />
    </section>
  );
}

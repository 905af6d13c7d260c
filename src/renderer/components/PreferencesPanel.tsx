// What syncs and how it looks in the calendar. Edits stay a draft until Save, so
// a half-typed number is never sent; a time-zone change says first how many
// events it will move, and asks.
import { useState, type FormEvent } from 'react';
import type { ConflictPolicy, Preferences } from '../../shared/domain';
import { calendar } from '../api';
import { detectedZone } from '../format';
import { useStateStore } from '../stores/state-store';
import { FormError } from './FormError';
import { ZoneChangeDialog, type ZoneChange } from './ZoneChangeDialog';
import { ZonePicker } from './ZonePicker';

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
  const [zoneChange, setZoneChange] = useState<ZoneChange | null>(null);
  const update = (patch: Partial<Draft>): void => {
    setStatus('');
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function commit(): Promise<void> {
    setZoneChange(null);
    setStatus('Saving…');
    setStatus((await save(draft)) ? 'Saved.' : '');
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (draft.timeZone === preferences.timeZone) return commit();
    setStatus('Checking what would move…');
    let preview: ZoneChange['preview'] = null;
    try {
      preview = await calendar().previewPreferences({ timeZone: draft.timeZone });
    } catch {
      // This core cannot tell in advance; the question still gets asked, in general words.
    }
    setStatus('');
    if (preview && preview.retimedEvents === 0) return commit();
    setZoneChange({ from: preferences.timeZone, to: draft.timeZone, preview });
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

      <ZonePicker value={draft.timeZone} onChange={(timeZone) => update({ timeZone })} detected={detectedZone()} />

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
      <ZoneChangeDialog change={zoneChange} onConfirm={() => void commit()} onCancel={() => setZoneChange(null)} />
    </form>
  );
}

export function PreferencesPanel() {
  const preferences = useStateStore((s) => s.state?.preferences);
  // Held here, not in the form: a successful save remounts the form (new key).
  const [status, setStatus] = useState('');
  if (!preferences) return null;
  return (
    <section id="preferences" className="panel" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Preferences</h2>
      {/* Remount with fresh values when the saved preferences change elsewhere (the CLI, another window). */}
      <PreferencesForm key={JSON.stringify(preferences)} preferences={preferences} status={status} setStatus={setStatus} />
    </section>
  );
}

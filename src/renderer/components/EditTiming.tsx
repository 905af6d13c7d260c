// Changing an interview's time or a follow-up's date, typed in the user's zone.
// The change is queued on this computer first (it works offline); the header
// counts what is waiting to be sent.
import { useId, useState, type FormEvent } from 'react';
import type { ItemView } from '../../shared/domain';
import { fromWallClock, toWallClock } from '../format';
import { headline } from '../item-words';
import { useItemsStore } from '../stores/items-store';
import { useUiStore } from '../stores/ui-store';

export function EditTiming({ item, zone, onDone }: { item: ItemView; zone: string; onDone(): void }) {
  const edit = useItemsStore((s) => s.edit);
  const saving = useItemsStore((s) => s.saving.includes(item.sourceId));
  const start = toWallClock(item.timing, zone);
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(start.time);
  const [problem, setProblem] = useState<string | null>(null);
  const hint = useId();
  // Career Copilot keeps a follow-up as a date, so only an interview has a time to change.
  const timed = item.timing.type === 'timed' && item.kind === 'interview';

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const timing = fromWallClock(item.timing, date, time, zone);
    if (!timing) {
      setProblem(timed ? 'Enter a date and a time.' : 'Enter a date.');
      return;
    }
    setProblem(null);
    if (await edit(item.sourceId, timing)) {
      onDone();
      useUiStore.getState().notify(`Saved the new ${timed ? 'time' : 'date'} for ${headline(item).primary}. It goes to Career Copilot and your calendar with the next sync, or when you are back online.`);
    }
  }

  return (
    <form className="edit-timing" aria-label={timed ? 'Change the time' : 'Change the date'} onSubmit={(e) => void submit(e)}>
      <label>
        Date
        <input type="date" required value={date} aria-describedby={hint} onChange={(e) => setDate(e.target.value)} />
      </label>
      {timed && (
        <label>
          Time
          <input type="time" required value={time} aria-describedby={hint} onChange={(e) => setTime(e.target.value)} />
        </label>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" className="quiet" onClick={onDone}>
        Cancel
      </button>
      <p id={hint} className="muted hint">
        {timed ? `In ${zone.replace(/_/g, ' ')}; the length stays the same.` : 'The follow-up moves to this day.'}
      </p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

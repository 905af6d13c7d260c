// Changing the time zone re-reads every Career Copilot time in the new zone, so
// events already in the calendar move. Say how many, with examples, and ask.
import { useRef } from 'react';
import type { PreferencesPreview } from '../../shared/contract';
import { formatStart } from '../format';
import { headline } from '../item-words';
import { Modal } from './Modal';

export interface ZoneChange {
  from: string;
  to: string;
  /** Null when this version cannot tell in advance. */
  preview: PreferencesPreview | null;
}

const pretty = (zone: string): string => zone.replace(/_/g, ' ');

export function ZoneChangeDialog({ change, onConfirm, onCancel }: { change: ZoneChange | null; onConfirm(): void; onCancel(): void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  const n = change?.preview?.retimedEvents ?? null;
  const description = !change
    ? ''
    : n === null
      ? `Interview times from Career Copilot will be read in ${pretty(change.to)} instead of ${pretty(change.from)}, so events already in your calendar may move.`
      : `${n} event${n === 1 ? '' : 's'} in your calendar will move: Career Copilot's times will be read in ${pretty(change.to)} instead of ${pretty(change.from)}.`;
  return (
    <Modal open={change !== null} title={`Change the time zone to ${change ? pretty(change.to) : ''}?`} description={description} onCancel={onCancel} initialFocus={cancel}>
      {change?.preview && change.preview.examples.length > 0 && (
        <ul className="retime-list" aria-label={`For example, in ${pretty(change.to)} time`}>
          {change.preview.examples.map((e) => (
            <li key={`${e.title}-${JSON.stringify(e.before)}`}>
              <strong>{headline({ title: e.title, company: null, role: null }).primary}</strong>: {formatStart(e.before, change.to)} → {formatStart(e.after, change.to)}
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          {n ? `Change and move ${n} event${n === 1 ? '' : 's'}` : 'Change the time zone'}
        </button>
        <button ref={cancel} type="button" onClick={onCancel}>
          Keep {change ? pretty(change.from) : ''}
        </button>
      </div>
    </Modal>
  );
}

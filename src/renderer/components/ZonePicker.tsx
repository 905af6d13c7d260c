// The time zone Career Copilot's times are read in, with the computer's own
// zone named, so a user sees at once whether it is right.
import { useId, useMemo } from 'react';

export function ZonePicker({ value, onChange, detected }: { value: string; onChange(zone: string): void; detected: string }) {
  const id = useId();
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(value) ? all : [value, ...all];
  }, [value]);
  return (
    <div className="stacked">
      <label htmlFor={id}>Time zone</label>
      <select id={id} value={value} aria-describedby={`${id}-hint`} onChange={(e) => onChange(e.target.value)}>
        {zones.map((z) => (
          <option key={z} value={z}>
            {z.replace(/_/g, ' ')}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="muted">
        {value === detected ? 'Detected from this computer. ' : `This computer is set to ${detected.replace(/_/g, ' ')}. `}
        Interview times from Career Copilot are read in this zone.
      </p>
    </div>
  );
}

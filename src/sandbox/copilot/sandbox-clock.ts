// Timestamps the way the backend writes them: naive UTC ISO with microseconds
// (Python's datetime.utcnow().isoformat()). Strictly increasing, so two edits in
// the same millisecond still get different updated_at values, as they would in a
// database with microsecond precision.

export class SandboxClock {
  private lastMicros = 0;

  /** Next timestamp, never equal to or before the previous one. */
  stamp(): string {
    const micros = Math.max(Date.now() * 1000, this.lastMicros + 1);
    this.lastMicros = micros;
    return naiveMicros(micros);
  }
}

export function naiveMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${base}.${fraction}`;
}

// Google's per-user quota: a sliding 60-second window of Calendar API requests
// (documented default 600 per minute per user). Only admitted requests enter the
// window, so a client that backs off gets back in as the window slides.

const WINDOW_MS = 60_000;

export class Quota {
  private readonly windows = new Map<string, number[]>();

  constructor(private perMinute: number | null) {}

  set(perMinute: number | null): void {
    this.perMinute = perMinute;
    this.windows.clear();
  }

  /** null when admitted (and counted), else the seconds until a slot frees up. */
  admit(user: string, now = Date.now()): number | null {
    if (this.perMinute === null) return null;
    const times = this.windows.get(user) ?? [];
    while (times.length > 0 && (times[0] as number) <= now - WINDOW_MS) times.shift();
    this.windows.set(user, times);
    if (times.length < this.perMinute) {
      times.push(now);
      return null;
    }
    const oldest = times[0] ?? now;
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
  }
}

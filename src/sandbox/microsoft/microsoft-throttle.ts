// Outlook's documented limit: at most 4 concurrent requests per app per mailbox.
// A request beyond it is refused at once with 429 ApplicationThrottled and a
// Retry-After, not queued. Requests inside a $batch count one by one.

export class MailboxThrottle {
  private active = 0;
  /** Most requests ever in flight at once, for tests and the benchmark. */
  peak = 0;

  constructor(public limit: number) {}

  /** A release function, or null when the mailbox is at its limit. */
  tryAcquire(): (() => void) | null {
    if (this.active >= this.limit) return null;
    this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
    };
  }
}

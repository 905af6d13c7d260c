// Side effects reach the core only through these small interfaces, passed in by
// app.ts, so tests can use the real thing or a real stand-in.

export interface Clock {
  now(): Date;
}

export interface Timers {
  /** Resolves after `ms`, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The WHATWG fetch signature; Node's global fetch in production. */
export type Fetch = typeof fetch;

/** Opens a URL in the user's browser; returns false when there is none to open. */
export type UrlOpener = (url: string) => Promise<boolean>;

export const systemClock: Clock = { now: () => new Date() };

export const systemTimers: Timers = {
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

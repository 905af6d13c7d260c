// The fastest a client can finish N requests under a sliding per-minute quota
// (DESIGN §5): Q may start in any 60 s, C at a time, each taking L. The first
// floor((N − 1) / Q) windows are spent waiting for the window to slide; the r
// requests of the last window go at the concurrency limit, ceil(r / C) × L.
// N ÷ Q minutes is not a bound: the last window does not have to be waited out.

export interface QuotaBoundInput {
  requests: number;
  perMinute: number;
  concurrency: number;
  latencyMs: number;
}

export interface QuotaBound {
  seconds: number;
  fullWindows: number;
  lastWindow: number;
  formula: string;
}

export function quotaBound({ requests, perMinute, concurrency, latencyMs }: QuotaBoundInput): QuotaBound {
  if (requests < 1) return { seconds: 0, fullWindows: 0, lastWindow: 0, formula: 'no requests' };
  const fullWindows = Math.floor((requests - 1) / perMinute);
  const lastWindow = requests - fullWindows * perMinute;
  const seconds = 60 * fullWindows + (Math.ceil(lastWindow / concurrency) * latencyMs) / 1000;
  const formula = `60 s × ⌊(${requests} − 1)/${perMinute}⌋ + ⌈${lastWindow}/${concurrency}⌉ × ${latencyMs} ms`;
  return { seconds, fullWindows, lastWindow, formula };
}

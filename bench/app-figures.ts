// What the bench processes tell each other, checked where it is read (one JSON line each).
import { z } from 'zod';

export const Endpoints = z.object({
  copilot: z.string(),
  google: z.object({ clientId: z.string(), authUrl: z.string(), tokenUrl: z.string(), revokeUrl: z.string(), userinfoUrl: z.string(), apiRoot: z.string() }),
  user: z.object({ email: z.string(), password: z.string() }),
});
export type Endpoints = z.infer<typeof Endpoints>;

export const MemoryFigures = z.object({
  items: z.number(),
  created: z.number(),
  rssBefore: z.number(),
  rssPeak: z.number(),
  heapCommittedBefore: z.number(),
  externalBefore: z.number(),
  heapCommittedAtPeak: z.number(),
  externalAtPeak: z.number(),
  heapUsedAtPeak: z.number(),
  heapUsedMax: z.number(),
  heapCommittedMax: z.number(),
  youngCommittedMax: z.number(),
  liveAfterGc: z.number().nullable(),
  phasePeaks: z.record(z.string(), z.number()),
});
export type MemoryFigures = z.infer<typeof MemoryFigures>;

export const CpuFigures = z.object({ items: z.number(), runs: z.number(), cpuMsPerRun: z.array(z.number()), changesSeen: z.number() });
export type CpuFigures = z.infer<typeof CpuFigures>;

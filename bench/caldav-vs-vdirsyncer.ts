// CalDAV provider vs vdirsyncer, side by side: the same 500 events from a local
// folder to the same real server (Radicale, then xandikos), each client through
// its own counting proxy. Three steps each: the initial push, a sync with
// nothing changed, and a sync after 10 changes. Printed: wall time, requests by
// method, bytes both ways, and the ratios ours ÷ vdirsyncer (never asserted).
//
// Our client is driven the way the sync engine drives a provider: list changes
// since the cursor, then write what changed locally. vdirsyncer is Debian's
// (apt-get install vdirsyncer), run as `vdirsyncer sync` on a filesystem ⇄
// caldav pair; its wall time includes starting Python (printed on its own).
//
// Run: node --import tsx bench/caldav-vs-vdirsyncer.ts [radicale|xandikos] [--events N]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { systemClock, systemTimers } from '../src/main/core/ports';
import { createCaldavProvider } from '../src/main/core/providers/caldav';
import { applyDraft, buildCalendarObject } from '../src/main/core/providers/caldav/caldav-ics';
import { resourceNameFor } from '../src/main/core/providers/caldav/caldav-provider';
import type { CalendarProvider, EventDraft, RemoteEvent } from '../src/main/core/providers/provider';
import { startCaldavProxy, type CaldavProxy, type ProxyStats } from '../test/fixtures/caldav-proxy';
import { caldavSkipReason, makeCalendarAs, startCaldavServer, type CaldavServer, type CaldavServerKind } from '../test/fixtures/caldav-servers';

const args = process.argv.slice(2);
const countArg = args.indexOf('--events');
const N = countArg >= 0 ? Number(args[countArg + 1]) : 500;
const CHANGES = 10;
const named = args.filter((a): a is CaldavServerKind => a === 'radicale' || a === 'xandikos');
const kinds: CaldavServerKind[] = named.length > 0 ? named : ['radicale', 'xandikos'];

interface Step {
  name: string;
  wallMs: number;
  stats: ProxyStats;
}

function drafts(): EventDraft[] {
  const start = DateTime.fromISO('2027-01-04T09:00:00', { zone: 'Europe/Berlin' });
  return Array.from({ length: N }, (_, i) => {
    const s = start.plus({ hours: 3 * i });
    return {
      sourceId: `application:${i + 1}:interview`,
      title: `Interview ${i + 1} — Engineer at Bench Corp`,
      timing: { type: 'timed', startUtc: s.toUTC().toISO() ?? '', endUtc: s.plus({ hours: 1 }).toUTC().toISO() ?? '', zone: 'Europe/Berlin' },
      location: 'Remote',
      description: 'Prepared by the benchmark.',
      reminderMinutes: [30],
      transparency: 'opaque',
    };
  });
}

function changed(d: EventDraft): EventDraft {
  return { ...d, title: `${d.title} (moved)`, reminderMinutes: [15] };
}

async function measure(name: string, proxy: CaldavProxy, fn: () => Promise<void> | void): Promise<Step> {
  proxy.resetStats();
  const t0 = performance.now();
  await fn();
  return { name, wallMs: performance.now() - t0, stats: proxy.stats() };
}

/** The engine's loop, reduced to what touches the provider. */
async function ours(server: CaldavServer, calendarUrl: string, all: EventDraft[]): Promise<Step[]> {
  const proxy = await startCaldavProxy({ target: server.baseUrl });
  const calendarId = calendarUrl.replace(server.baseUrl, proxy.url);
  const provider: CalendarProvider = createCaldavProvider({
    loadLogin: async () => ({ serverUrl: proxy.url, username: server.username, password: server.password }),
    fetch: globalThis.fetch.bind(globalThis),
    clock: systemClock,
    timers: systemTimers,
  });
  const links = new Map<string, RemoteEvent>();
  let cursor: string | null = null;
  const sync = async (local: EventDraft[], push: (d: EventDraft) => boolean): Promise<void> => {
    const page = await provider.listChanges(calendarId, cursor, null);
    cursor = page.nextCursor;
    for (const c of page.changes) if (c.type === 'upsert' && c.event.sourceId) links.set(c.event.sourceId, c.event);
    await Promise.all(
      local.filter(push).map(async (d) => {
        const link = links.get(d.sourceId);
        const event = link ? await provider.updateEvent(calendarId, link.remoteId, d, link.revision) : await provider.createEvent(calendarId, d, d.sourceId);
        links.set(d.sourceId, event);
      }),
    );
  };
  try {
    const steps = [await measure('initial push', proxy, () => sync(all, () => true))];
    // Reads back the app's own writes (every sync-token client does once); not a step.
    await sync(all, () => false);
    steps.push(await measure('sync, nothing changed', proxy, () => sync(all, () => false)));
    const edited = new Set(all.slice(0, CHANGES).map((d) => d.sourceId));
    const next = all.map((d) => (edited.has(d.sourceId) ? changed(d) : d));
    steps.push(await measure(`sync after ${CHANGES} changes`, proxy, () => sync(next, (d) => edited.has(d.sourceId))));
    return steps;
  } finally {
    await proxy.close();
  }
}

/** Asynchronous on purpose: the counting proxy answers it from this process's event loop. */
async function vdirsyncer(configPath: string, subcommand: string[]): Promise<void> {
  const child = spawn('vdirsyncer', ['-c', configPath, ...subcommand], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stdin.end('y\n');
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`vdirsyncer ${subcommand.join(' ')} failed (${code}): ${output.slice(-2000)}`);
}

async function theirs(server: CaldavServer, calendarUrl: string, all: EventDraft[]): Promise<Step[]> {
  const proxy = await startCaldavProxy({ target: server.baseUrl });
  const dir = mkdtempSync(join(tmpdir(), 'ccal-vdirsyncer-'));
  const local = join(dir, 'local');
  mkdirSync(local);
  const now = new Date();
  const files = new Map<string, string>();
  for (const d of all) {
    const file = join(local, resourceNameFor(d.sourceId));
    writeFileSync(file, buildCalendarObject(d, d.sourceId, now));
    files.set(d.sourceId, file);
  }
  const configPath = join(dir, 'config');
  writeFileSync(
    configPath,
    [
      '[general]',
      `status_path = "${join(dir, 'status')}/"`,
      '[pair bench]',
      'a = "bench_local"',
      'b = "bench_remote"',
      'collections = null',
      'conflict_resolution = "a wins"',
      '[storage bench_local]',
      'type = "filesystem"',
      `path = "${local}/"`,
      'fileext = ".ics"',
      '[storage bench_remote]',
      'type = "caldav"',
      `url = "${calendarUrl.replace(server.baseUrl, proxy.url)}"`,
      `username = "${server.username}"`,
      `password = "${server.password}"`,
      '',
    ].join('\n'),
  );
  try {
    await vdirsyncer(configPath, ['discover']);
    const steps = [await measure('initial push', proxy, () => vdirsyncer(configPath, ['sync']))];
    steps.push(await measure('sync, nothing changed', proxy, () => vdirsyncer(configPath, ['sync'])));
    for (const d of all.slice(0, CHANGES)) {
      const file = files.get(d.sourceId) ?? '';
      writeFileSync(file, applyDraft(readFileSync(file, 'utf8'), changed(d), new Date()));
    }
    steps.push(await measure(`sync after ${CHANGES} changes`, proxy, () => vdirsyncer(configPath, ['sync'])));
    return steps;
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (b: number): string => `${(b / 1024).toFixed(1)} KiB`;
const methods = (s: ProxyStats): string =>
  Object.entries(s.byMethod)
    .sort()
    .map(([m, n]) => `${m} ${n}`)
    .join(', ');
const ratio = (a: number, b: number): string => (b === 0 ? 'n/a' : (a / b).toFixed(3));

function report(kind: string, a: Step[], b: Step[]): void {
  console.log(`\ncaldav-vs-vdirsyncer on ${kind}, ${N} events (ours ÷ vdirsyncer):`);
  for (const [i, mine] of a.entries()) {
    const other = b[i];
    if (!other) continue;
    console.log(`  ${mine.name}`);
    console.log(`    ours:       ${mine.wallMs.toFixed(0)} ms, ${mine.stats.requests} requests (${methods(mine.stats)}), up ${kb(mine.stats.bytesUp)}, down ${kb(mine.stats.bytesDown)}`);
    console.log(`    vdirsyncer: ${other.wallMs.toFixed(0)} ms, ${other.stats.requests} requests (${methods(other.stats)}), up ${kb(other.stats.bytesUp)}, down ${kb(other.stats.bytesDown)}`);
    const bytes = (s: Step): number => s.stats.bytesUp + s.stats.bytesDown;
    console.log(`    ratios: wall ${ratio(mine.wallMs, other.wallMs)}, requests ${ratio(mine.stats.requests, other.stats.requests)}, bytes ${ratio(bytes(mine), bytes(other))}`);
  }
}

for (const kind of kinds) {
  const skip = caldavSkipReason(kind) ?? (spawnSync('vdirsyncer', ['--version']).error ? 'vdirsyncer is not installed (apt-get install vdirsyncer)' : null);
  if (skip) {
    console.log(`caldav-vs-vdirsyncer on ${kind} skipped: ${skip}`);
    continue;
  }
  const server = await startCaldavServer(kind);
  try {
    const all = drafts();
    const mineUrl = `${server.homeUrl}ours/`;
    const theirsUrl = `${server.homeUrl}vdirsyncer/`;
    await makeCalendarAs(server, mineUrl, 'Ours');
    await makeCalendarAs(server, theirsUrl, 'vdirsyncer');
    const a = await ours(server, mineUrl, all);
    const b = await theirs(server, theirsUrl, all);
    report(kind, a, b);
    const t0 = performance.now();
    spawnSync('vdirsyncer', ['--version']);
    console.log(`  (starting vdirsyncer alone takes ${(performance.now() - t0).toFixed(0)} ms of each of its wall times)`);
  } finally {
    await server.close();
  }
}

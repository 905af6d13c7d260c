// `ccal demo`: the whole product against the built-in sandbox. Starts local
// Career Copilot, Google and Microsoft stand-ins on 127.0.0.1, signs in,
// connects Google and Outlook through their real sign-in flows (the sandboxes'
// consent pages approve at once), Outlook as a second account with a calendar
// of its own, syncs, then plays a user moving an event in each calendar,
// Career Copilot changing applications, and both changing the same interview —
// and shows each flowing.
// With --ui the scripted part runs first (so the page opens on real history),
// then the built renderer is served over the web host and sync runs until Ctrl+C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { demoData, startCopilotSandbox, type CopilotSandbox } from '../../sandbox/copilot';
import { startGoogleSandbox, type GoogleSandbox } from '../../sandbox/google';
import { approveInSandboxBrowser } from '../../sandbox/google/sandbox-browser';
import { approveInMicrosoftSandboxBrowser } from '../../sandbox/microsoft/microsoft-browser';
import { DEMO_ACCOUNT } from '../../shared/demo-account';
import { AppError } from '../../shared/errors';
import { CalendarCore } from '../core/app';
import { AppConfig } from '../core/config';
import { systemClock, systemTimers } from '../core/ports';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { formatConflicts, formatItems, formatSummary } from './format';
import { runLine } from './run-line';
import type { Out } from './output';
import { startLogging } from './runtime';
import { MemorySecretStore } from '../core/secrets/memory-secret-store';
import { requireRendererBuild } from '../host/renderer-build';
import { startWebHost } from '../host/web-host';
import { radicaleInstalled, startDemoRadicale, type DemoRadicale } from './demo-caldav';
import { connectOutlook, OUTLOOK_CALENDAR, outlookBothWays, startOutlookSandbox } from './demo-outlook';
import { runTrustingSandbox } from './demo-trust';

export interface DemoOptions {
  out: Out;
  applications: number;
  keepRunning: boolean;
  /** Also serve the app's page in a browser (implies keepRunning). */
  ui?: boolean;
  dataDir?: string;
  /** Also run a local Radicale and connect it as a CalDAV account, when radicale is installed (the default). */
  caldav?: boolean;
}

const DEMO_USER = { ...DEMO_ACCOUNT };

export async function runDemo(o: DemoOptions): Promise<void> {
  // Node trusts the Microsoft sandbox's certificate only if told at start: then the demo runs in a child that is.
  const child = await runTrustingSandbox();
  if (child !== null) {
    process.exitCode = child;
    return;
  }
  const say = (text: string): void => {
    if (!o.out.json) process.stdout.write(`${text}\n`);
  };
  // Before any sandbox starts: a missing page is a reason not to begin.
  const page = o.ui ? requireRendererBuild() : null;
  if (page?.stale) say('(The built page is older than its source; run "npx electron-vite build" to see your latest changes.)');
  const copilotSb = await startCopilotSandbox({ users: [DEMO_USER] });
  const googleSb = await startGoogleSandbox({ email: 'you@gmail.example' });
  const outlookSb = await startOutlookSandbox();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const seeded = demoData(new Date(), o.applications);
  copilotSb.seed(seeded, DEMO_USER.email);
  say(`Sandbox running: Career Copilot at ${copilotSb.url}, Google at ${googleSb.url}, Microsoft at ${outlookSb.url} (${seeded.applications.length} applications).`);

  // A folder of our own unless one was given; it goes at the end, with everything in it.
  const tempDir = o.dataDir ? null : mkdtempSync(join(tmpdir(), 'ccal-demo-'));
  const config = AppConfig.parse({
    dataDir: o.dataDir ?? tempDir,
    keychainService: 'career-copilot-calendar-demo',
    syncIntervalSeconds: 15,
    copilot: { baseUrl: copilotSb.apiBase },
    google: { clientId: googleSb.clientId, ...googleSb.endpoints },
    microsoft: { clientId: outlookSb.clientId, ...outlookSb.endpoints },
  });
  startLogging(config);
  const secrets = await pickSecretStore(config.keychainService, say);
  // The sandboxes' consent pages, approved as a user would (in --ui too: Connect and Reconnect work in the page).
  const openUrl = (url: string): Promise<boolean> => (url.startsWith(`${outlookSb.url}/`) ? approveInMicrosoftSandboxBrowser(url) : approveInSandboxBrowser(url));
  const core = new CalendarCore({ config, secrets, clock: systemClock, timers: systemTimers, fetch: globalThis.fetch.bind(globalThis), openUrl });
  const timeline: Record<string, unknown>[] = [];
  const accountIds: string[] = [];
  let radicale: DemoRadicale | null = null;
  let caldavId: string | null = null;
  try {
    await core.signIn(DEMO_USER);
    await core.setPreferences({ timeZone: zone });
    say(`Signed in to Career Copilot as ${DEMO_USER.email}; reading interview times in ${zone}.`);
    core.on('consentUrl', ({ url }) => say(`Consent page: ${url.slice(0, 80)}…`));
    const account = await core.connect({ provider: 'google' });
    accountIds.push(account.id);
    say(`Connected Google Calendar for ${account.email} (loopback redirect, PKCE).`);
    const outlook = await connectOutlook(core, outlookSb, say);
    accountIds.push(outlook.accountId);
    if (o.caldav !== false && radicaleInstalled()) {
      radicale = await startDemoRadicale();
      const caldav = await core.connect({ provider: 'caldav', caldav: { serverUrl: radicale.baseUrl, username: radicale.username, password: radicale.password } });
      accountIds.push(caldav.id);
      caldavId = caldav.id;
      say(`Connected a CalDAV calendar for ${caldav.email} (a local Radicale server; its app-specific password went to the keychain).`);
    } else if (o.caldav !== false) {
      say('(Radicale is not installed, so the demo leaves CalDAV out; "apt-get install radicale" adds it as a third calendar.)');
    }

    say(`\n1. First sync: Career Copilot → Google Calendar, Outlook ("${OUTLOOK_CALENDAR}")${caldavId ? ' and the CalDAV calendar' : ''}`);
    timeline.push({ step: 'first sync', ...(await syncAndShow(core, o.out, say)) });
    const afterFirstSync = await core.getState();
    say(formatItems(await core.listItems(), afterFirstSync.accounts, afterFirstSync.preferences));

    say('\n2. You move an interview in Google Calendar; Career Copilot rejects another application');
    const [moved, rejected] = pickInterviews(googleSb, copilotSb);
    if (moved) {
      const start = DateTime.fromISO(moved.start).plus({ days: 1 });
      googleSb.userMoveEvent(moved.calendarId, moved.eventId, { dateTime: start.toISO() ?? '', timeZone: zone }, { dateTime: start.plus({ hours: 1 }).toISO() ?? '', timeZone: zone });
      say(`   moved "${moved.title}" one day later in Google`);
    }
    if (rejected) {
      copilotSb.updateApplication(rejected.id, { status: 'rejected' });
      say(`   application #${rejected.id} rejected in Career Copilot`);
    }
    timeline.push({ step: 'changes on both sides', ...(await syncAndShow(core, o.out, say)) });
    if (moved) say(`   Career Copilot now has interview_date ${copilotSb.application(moved.applicationId)?.interview_date ?? '?'} for application #${moved.applicationId}`);

    say('\n3. In Outlook: you move an interview; Career Copilot moves another');
    const movedInOutlook = await outlookBothWays({ outlook: outlookSb, copilot: copilotSb, calendarId: outlook.calendarId, zone, say, sync: async () => timeline.push({ step: 'outlook both ways', ...(await syncAndShow(core, o.out, say)) }) });
    if (movedInOutlook !== null) {
      say('   …and Google Calendar follows the time you set in Outlook:');
      timeline.push({ step: 'google follows outlook', ...(await syncAndShow(core, o.out, say)) });
      const inGoogle = googleSb.events(undefined, { includeCancelled: false }).find((e) => e.extendedProperties?.private?.careerCopilotSourceId === `application:${movedInOutlook}:interview`);
      const start = inGoogle?.start && 'dateTime' in inGoogle.start ? inGoogle.start.dateTime : null;
      say(`   Google Calendar now has application #${movedInOutlook}'s interview at ${start ? DateTime.fromISO(start).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss") : '?'} (${zone})`);
    }

    say('\n4. The same interview changed on both sides');
    const conflictTarget = pickInterviews(googleSb, copilotSb)[0];
    if (conflictTarget) {
      const later = DateTime.fromISO(conflictTarget.start).plus({ hours: 2 });
      googleSb.userMoveEvent(conflictTarget.calendarId, conflictTarget.eventId, { dateTime: later.toISO() ?? '', timeZone: zone }, { dateTime: later.plus({ hours: 1 }).toISO() ?? '', timeZone: zone });
      const app = copilotSb.application(conflictTarget.applicationId);
      const copilotTime = DateTime.fromISO(app?.interview_date ?? '').plus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
      copilotSb.updateApplication(conflictTarget.applicationId, { interview_date: copilotTime });
      timeline.push({ step: 'conflict', ...(await syncAndShow(core, o.out, say)) });
      const conflicts = await core.listConflicts();
      say(formatConflicts(conflicts, zone));
      const first = conflicts[0];
      if (first && page) {
        // Left open, so the page has a conflict to resolve in plain words.
        say(`   left #${first.id} open: resolve it in the browser`);
      } else if (first) {
        await core.resolveConflict({ id: first.id, choice: 'keep_calendar', remember: false });
        say(`   resolved #${first.id}: keep the calendar's time`);
        timeline.push({ step: 'after resolving', ...(await syncAndShow(core, o.out, say)) });
      }
    }
    const state = await core.getState();
    const events = googleSb.events(undefined, { includeCancelled: false }).length;
    const outlookEvents = outlookSb.events(outlook.calendarId).length;
    const caldavEvents = caldavId ? (await core.listItems()).filter((i) => i.links.some((l) => l.accountId === caldavId && l.state === 'synced' && l.remoteId)).length : null;
    const waiting = state.outbox.pending === 0 ? 'nothing waiting to be sent' : `${state.outbox.pending} change${state.outbox.pending === 1 ? '' : 's'} waiting to be sent`;
    const open = state.openConflicts === 0 ? 'no conflict open' : `${state.openConflicts} conflict${state.openConflicts === 1 ? '' : 's'} open`;
    say(`\nDone. Google Calendar holds ${events} events from Career Copilot, Outlook's "${OUTLOOK_CALENDAR}" ${outlookEvents}${caldavEvents === null ? '' : `, the CalDAV calendar ${caldavEvents}`}; ${waiting}, ${open}.`);
    say(tempDir ? `Data folder: ${config.dataDir} (removed when the demo ends; pass --data-dir to keep one)` : `Data folder: ${config.dataDir}`);
    if (o.out.json) o.out.print('', { timeline, events, outlookEvents, state });
    if (o.keepRunning || page) {
      const host = page ? await startWebHost({ core, staticDir: page.dir, demo: true }) : null;
      if (host) o.out.print(`\nOpen the app in your browser: ${host.url}\n(The address carries this run's session key; the page works only through it.)`, { url: host.url });
      say('Syncing every 15 s against the sandbox. Press Ctrl+C to stop.');
      // One line per sync that says what really happened: after access was revoked, not "synced".
      core.on('syncProgress', (p) => {
        if (p.phase === 'done') void core.getState().then((s) => say(runLine(s, new Date(), { commands: false })));
      });
      core.start();
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }).finally(() => host?.close());
    }
  } finally {
    await core.stop();
    // Leave nothing in the keychain: disconnect each account (deleting its tokens) and forget the session.
    // The accounts the page may have connected or disconnected count, not only the demo's own.
    for (const id of new Set([...accountIds, ...(await core.getState().then((s) => s.accounts.map((a) => a.id), () => []))])) {
      await core.disconnect({ accountId: id, removeEvents: false }).catch(() => undefined);
    }
    await core.signOut().catch(() => undefined);
    core.close();
    await Promise.all([copilotSb.close(), googleSb.close(), outlookSb.close(), radicale?.close()]);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

async function syncAndShow(core: CalendarCore, out: Out, say: (t: string) => void): Promise<Record<string, unknown>> {
  const bar = out.progress();
  const summary = await core.syncNow({}, (p) => bar.update(p)).finally(() => bar.stop());
  say(formatSummary(summary));
  return { summary };
}

interface DemoEvent {
  calendarId: string;
  eventId: string;
  applicationId: number;
  title: string;
  start: string;
}

/** Two upcoming interview events still scheduled in Career Copilot, for the demo's edits. */
function pickInterviews(google: GoogleSandbox, copilot: CopilotSandbox): [DemoEvent | undefined, { id: number } | undefined] {
  const now = Date.now();
  const candidates: DemoEvent[] = [];
  for (const e of google.events(undefined, { includeCancelled: false })) {
    const tag = e.extendedProperties?.private?.careerCopilotSourceId;
    const match = tag ? /^application:(\d+):interview$/.exec(tag) : null;
    const start = e.start && 'dateTime' in e.start ? e.start.dateTime : undefined;
    if (!match || !start || Date.parse(start) < now) continue;
    const applicationId = Number(match[1]);
    const app = copilot.application(applicationId);
    if (!app || app.status === 'rejected' || app.status === 'declined') continue;
    candidates.push({ calendarId: e.organizer?.email ?? 'primary', eventId: e.id ?? '', applicationId, title: e.summary ?? '', start });
  }
  candidates.sort((a, b) => a.applicationId - b.applicationId);
  const moved = candidates[0];
  const other = candidates[1];
  return [moved, other ? { id: other.applicationId } : undefined];
}

async function pickSecretStore(service: string, say: (t: string) => void): Promise<SecretStore> {
  const keychain = new KeychainSecretStore({ service });
  try {
    await keychain.set('demo:probe', 'ok');
    await keychain.delete('demo:probe');
    return keychain;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    say('(No system keychain is running, so the demo keeps its sandbox tokens in memory. The app itself always uses the keychain.)');
    return new MemorySecretStore();
  }
}

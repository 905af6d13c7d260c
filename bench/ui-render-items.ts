// Items for the UI benchmark, shaped like what the core lists for a busy job
// search: per application an interview (sometimes meant in another zone), often
// a reminder before it and a follow-up two days after; a few cancelled, some
// waiting, failed, in conflict or switched off, a few already past. Seeded, so
// every run draws the same list; dated from the real "now" because the page's
// clock is not faked (Playwright's fake clock would freeze performance.now()).
import { DateTime } from 'luxon';
import { ItemView, type Timing } from '../src/shared/domain';

export const ACCOUNT_ID = 'google:jordan.lee@gmail.com';

const COMPANIES = [
  'Acme Corp', 'Globex', 'Initech', 'Hooli', 'Pied Piper', 'Umbrella Health', 'Stark Industries', 'Wayne Fintech', 'Soylent',
  'Cyberdyne Systems', 'Tyrell Labs', 'Wonka Foods', 'Oscorp', 'Massive Dynamic', 'Aperture Science', 'Vandelay Industries',
  'Gringotts Bank', 'Monarch Travel', 'Dunder Mifflin', 'Prestige Worldwide', 'Bluth Company', 'Nakatomi Trading',
  'Weyland Logistics', 'Sirius Cybernetics', 'Buy n Large', 'Virtucon', 'Gekko & Co', 'Ollivanders', 'Stay Puft', 'Krusty Krab Tech',
];
const ROLES = [
  'Senior Frontend Engineer', 'Platform Engineer', 'Site Reliability Engineer', 'Data Engineer', 'Staff Engineer', 'Backend Engineer',
  'Engineering Manager', 'Principal Data Scientist, Risk and Fraud Platform', 'Mobile Engineer (iOS)', 'Security Engineer',
  'Developer Advocate', 'Machine Learning Engineer', 'Product Engineer', 'Infrastructure Engineer, Observability',
];
const LOCATIONS = [null, null, 'Video call', 'Phone screen', '500 Market St, 4th floor, San Francisco', '1 Hacker Way, Menlo Park', 'Remote (Zoom link in the invite)'];
const NOTES = [null, null, null, 'Second round with the hiring manager; prepare the system design story.', 'Bring the portfolio; ask about on-call.', 'Panel of three, 45 minutes, live coding.'];
const OTHER_ZONES = ['Europe/London', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Singapore'];

/** mulberry32: a small deterministic generator, good enough to pick test data. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Link = ItemView['links'][number];

function link(state: Link['state'], id: string, failed = false): Link {
  return {
    accountId: ACCOUNT_ID,
    state,
    remoteId: state === 'pending' ? null : `evt${id.replace(/\W/g, '')}`,
    lastSyncedAt: state === 'pending' ? null : DateTime.utc().minus({ minutes: 2 }).toISO(),
    failed,
    lastError: failed ? 'Google Calendar refused the change.' : null,
  };
}

export interface GeneratedList {
  items: ItemView[];
  /** The item the Upcoming list ends with (the latest start; past ones are folded away). */
  lastUpcoming: ItemView;
  past: number;
  cancelled: number;
}

/**
 * `count` items in `zone`, shuffled as a database might list them (the page
 * sorts). Roughly 4 % are past; the last one is a timed interview a day after
 * every other, so which row ends the list is known without re-implementing the
 * renderer's ordering.
 */
export function generateItems(count: number, zone: string, now: DateTime = DateTime.now()): GeneratedList {
  const random = seeded(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const items: ItemView[] = [];
  const today = now.setZone(zone).startOf('day');
  let app = 100;
  let latest = today;
  while (items.length < count - 1) {
    app += 1;
    const company = pick(COMPANIES);
    const role = pick(ROLES);
    const isPast = random() < 0.04;
    // Upcoming applications spread over about one working day in three per item, so 10,000 span years.
    const dayOffset = isPast ? -1 - Math.floor(random() * 45) : 1 + Math.floor(((app - 100) / 3) * (0.8 + random() * 0.4));
    const meantIn = random() < 0.15 ? pick(OTHER_ZONES) : zone;
    const start = today.plus({ days: dayOffset }).setZone(meantIn, { keepLocalTime: true }).set({ hour: 9 + Math.floor(random() * 8), minute: random() < 0.5 ? 0 : 30 });
    const end = start.plus({ minutes: pick([30, 45, 60, 60, 90]) });
    if (start > latest) latest = start;
    const isCancelled = random() < 0.05;
    const r = random();
    const state: Link['state'] = isCancelled ? 'removed' : isPast ? pick(['synced', 'synced', 'kept'] as const) : r < 0.8 ? 'synced' : r < 0.9 ? 'pending' : r < 0.94 ? 'conflict' : 'remote_deleted';
    const off = !isCancelled && random() < 0.03;
    const base = { cancelled: isCancelled, syncEnabled: !off, wantedByPreferences: true, editPending: !isPast && random() < 0.02, company, role, location: pick(LOCATIONS), notes: pick(NOTES) };
    const timed = (from: DateTime, to: DateTime): Timing => ({ type: 'timed', startUtc: from.toUTC().toISO() ?? '', endUtc: to.toUTC().toISO() ?? '', zone: meantIn });
    const add = (kind: ItemView['kind'], title: string, timing: Timing, linkState: Link['state'], extra: Partial<ItemView> = {}): void => {
      if (items.length >= count - 1) return;
      const sourceId = `application:${app}:${kind}`;
      const failed = linkState === 'pending' && random() < 0.2;
      items.push({ ...base, sourceId, kind, title, timing, links: off ? [] : [link(linkState, sourceId, failed)], ...extra });
    };
    add('interview', `Interview: ${role} at ${company}`, timed(start, end), state);
    if (random() < 0.5) add('reminder', `Prepare for interview: ${role} at ${company}`, timed(start.minus({ minutes: 30 }), start), state, { location: null, notes: null });
    if (random() < 0.7) add('follow_up', `Follow up: ${role} at ${company}`, { type: 'allDay', date: start.plus({ days: 2 }).toISODate() ?? '' }, state, { location: null, notes: null });
  }
  const lastStart = latest.plus({ days: 1 }).setZone(zone).set({ hour: 10, minute: 0 });
  const lastUpcoming: ItemView = {
    sourceId: `application:${app + 1}:interview`,
    kind: 'interview',
    title: 'Interview: Staff Engineer at Zeta Last Inc',
    timing: { type: 'timed', startUtc: lastStart.toUTC().toISO() ?? '', endUtc: lastStart.plus({ hours: 1 }).toUTC().toISO() ?? '', zone },
    cancelled: false,
    syncEnabled: true,
    wantedByPreferences: true,
    editPending: false,
    company: 'Zeta Last Inc',
    role: 'Staff Engineer',
    location: 'Video call',
    notes: null,
    links: [link('synced', `application:${app + 1}:interview`)],
  };
  items.push(lastUpcoming);
  // Fisher–Yates with the same generator: the page must sort, as it does for the core's answer.
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as ItemView, items[i] as ItemView];
  }
  const ended = (t: Timing): number => (t.type === 'timed' ? Date.parse(t.endUtc) : DateTime.fromISO(t.date, { zone }).endOf('day').toMillis());
  const past = items.filter((i) => ended(i.timing) < now.toMillis()).length;
  const cancelled = items.filter((i) => i.cancelled).length;
  // The boundary the page's contract checks in the real app: what is sent must be valid.
  return { items: ItemView.array().parse(items), lastUpcoming, past, cancelled };
}

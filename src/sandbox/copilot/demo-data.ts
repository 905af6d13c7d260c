// Realistic, deterministic data for the demo and tests: the same (now, count)
// always gives the same jobs and applications. The first dozen cover the cases
// the sync must get right (DESIGN §5, §7): interviews soon, one on each side of the
// next European and US daylight-saving change, follow-ups, an offer with a past
// interview, and rejected / declined applications whose interview is still ahead.
import { DateTime } from 'luxon';
import type { SandboxApplication, SandboxJob, SandboxStatus } from './sandbox-types';

const COMPANIES = [
  'Northwind Analytics', 'Globex Robotics', 'Initech', 'Umbrella Health', 'Stark Mobility', 'Wayne Fintech', 'Hooli',
  'Pied Piper', 'Acme Logistics', 'Vandelay Industries', 'Cyberdyne Systems', 'Tyrell Biotech', 'Aperture Labs', 'Oscorp Energy',
];
const TITLES = [
  'Senior Backend Engineer', 'Data Scientist', 'Machine Learning Engineer', 'Product Manager', 'Frontend Engineer',
  'Site Reliability Engineer', 'Data Engineer', 'Engineering Manager', 'UX Researcher', 'Analytics Engineer',
];
const LOCATIONS = [
  'Berlin, Germany', 'Amsterdam, Netherlands', 'Remote (EU)', 'Munich, Germany', 'London, UK', 'Paris, France',
  'Dublin, Ireland', 'Zurich, Switzerland', 'Barcelona, Spain', null,
];
const NOTES = [
  'Recruiter: ask about the on-call rotation and team size.',
  'Second round with the hiring manager; prepare the system design story.',
  'Take-home assignment due before the interview.',
  'Referred by a former colleague.',
  'Video call; link arrives by email the day before.',
  null,
];

type Rand = () => number;
type Slot = (ctx: SlotContext) => Partial<SandboxApplication> & { status: SandboxStatus };

interface SlotContext {
  today: DateTime;
  rand: Rand;
  euChange: DateTime;
  usChange: DateTime;
}

const naive = (dt: DateTime): string => dt.toFormat("yyyy-MM-dd'T'HH:mm:ss");
const day = (dt: DateTime): string => dt.toFormat('yyyy-MM-dd');
const at = (dt: DateTime, hour: number, minute = 0): DateTime => dt.set({ hour, minute, second: 0, millisecond: 0 });
/** The same or next weekday: interviews do not land on weekends. */
const weekday = (dt: DateTime): DateTime => (dt.weekday === 6 ? dt.plus({ days: 2 }) : dt.weekday === 7 ? dt.plus({ days: 1 }) : dt);

/** The fixed cases, in order; further applications are drawn at random. */
const SLOTS: Slot[] = [
  ({ today }) => ({ status: 'interview', interview_date: naive(at(weekday(today.plus({ days: 2 })), 10)), follow_up_date: day(weekday(today.plus({ days: 4 }))) }),
  ({ today }) => ({
    status: 'rejected',
    interview_date: naive(at(weekday(today.plus({ days: 5 })), 14, 30)),
    response_date: day(today.minus({ days: 1 })),
    notes: 'Rejected after the recruiter screen, but the panel invite was already sent.',
  }),
  // The Friday before and the Monday after the next European clock change.
  ({ euChange }) => ({ status: 'interview', interview_date: naive(at(euChange.minus({ days: 2 }), 16)) }),
  ({ euChange }) => ({ status: 'interview', interview_date: naive(at(euChange.plus({ days: 1 }), 9)), follow_up_date: day(euChange.plus({ days: 3 })) }),
  // The Monday after the next US clock change (a New York role).
  ({ usChange }) => ({ status: 'interview', interview_date: naive(at(usChange.plus({ days: 1 }), 10, 30)) }),
  ({ today }) => ({ status: 'applied', applied_date: day(today.minus({ days: 4 })), follow_up_date: day(today.plus({ days: 6 })) }),
  ({ today }) => ({
    status: 'offer',
    interview_date: naive(at(weekday(today.minus({ days: 8 })), 11)),
    offer_date: day(today.minus({ days: 1 })),
    follow_up_date: day(today.plus({ days: 3 })),
    interview_feedback: 'Strong system design round; team liked the migration story.',
  }),
  () => ({ status: 'interested' }),
  ({ today }) => ({ status: 'interview', interview_date: naive(at(weekday(today.plus({ days: 9 })), 11)), follow_up_date: day(weekday(today.plus({ days: 11 }))) }),
  ({ today }) => ({ status: 'declined', interview_date: naive(at(weekday(today.plus({ days: 12 })), 15)), notes: 'Declined: accepted another offer.' }),
  ({ today }) => ({ status: 'applied', applied_date: day(today.minus({ days: 9 })), follow_up_date: day(today.plus({ days: 1 })) }),
  ({ today }) => ({ status: 'accepted', interview_date: naive(at(weekday(today.minus({ days: 20 })), 13)), offer_date: day(today.minus({ days: 10 })) }),
];

const randomSlot: Slot = ({ today, rand }) => {
  const roll = rand();
  if (roll < 0.45) {
    const when = at(weekday(today.plus({ days: 1 + Math.floor(rand() * 27) })), 9 + Math.floor(rand() * 8), rand() < 0.5 ? 0 : 30);
    return { status: 'interview', interview_date: naive(when), follow_up_date: rand() < 0.5 ? day(when.plus({ days: 2 })) : null };
  }
  if (roll < 0.75) return { status: 'applied', applied_date: day(today.minus({ days: Math.floor(rand() * 14) })), follow_up_date: day(today.plus({ days: 1 + Math.floor(rand() * 20) })) };
  if (roll < 0.9) return { status: 'interested' };
  return { status: 'rejected', response_date: day(today.minus({ days: Math.floor(rand() * 10) })) };
};

export function demoData(now: Date, count = 12): { jobs: SandboxJob[]; applications: SandboxApplication[] } {
  const rand = mulberry32(Math.floor(now.getTime() / 1000) ^ (count * 2654435761));
  const today = DateTime.fromJSDate(now, { zone: 'UTC' }).startOf('day');
  const ctx: SlotContext = { today, rand, euChange: nextClockChange('Europe/Berlin', today), usChange: nextClockChange('America/New_York', today) };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const jobs: SandboxJob[] = [];
  const applications: SandboxApplication[] = [];
  const firstCompany = Math.floor(rand() * COMPANIES.length);

  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const company = COMPANIES[(firstCompany + i * 5) % COMPANIES.length] ?? 'Initech';
    const location = i === 4 ? 'New York, NY' : pick(LOCATIONS);
    jobs.push({
      id,
      title: TITLES[(i * 3 + firstCompany) % TITLES.length] ?? 'Software Engineer',
      company,
      location,
      salary_range: `€${60 + Math.floor(rand() * 60)}k–€${90 + Math.floor(rand() * 60)}k`,
      job_type: 'full-time',
      remote_option: location === null || location.startsWith('Remote') ? 'remote' : 'hybrid',
      link: `https://careers.${company.toLowerCase().replace(/[^a-z]+/g, '-')}.example/jobs/${1000 + id}`,
    });
    const { status, ...fields } = (SLOTS[i] ?? randomSlot)(ctx);
    const created = now.getTime() - (count - i) * 3_600_000 - 40 * 86_400_000;
    applications.push({
      id,
      user_id: 1,
      job_id: id,
      status,
      applied_date: status === 'interested' ? null : day(DateTime.fromMillis(created, { zone: 'UTC' })),
      response_date: null,
      offer_date: null,
      interview_date: null,
      follow_up_date: null,
      notes: pick(NOTES),
      interview_feedback: null,
      created_at: naiveMicros(created),
      updated_at: naiveMicros(created + 86_400_000 + Math.floor(rand() * 1_000_000)),
      ...fields,
    });
  }
  return { jobs, applications };
}

/** The local day of `zone`'s next UTC-offset change after `from` (a year ahead at most). */
function nextClockChange(zone: string, from: DateTime): DateTime {
  let previous = from.setZone(zone).set({ hour: 12 });
  for (let i = 1; i <= 370; i++) {
    const next = previous.plus({ days: 1 });
    if (next.offset !== previous.offset) return next.startOf('day');
    previous = next;
  }
  return from.plus({ weeks: 3 }); // a zone without DST: any day will do
}

function naiveMicros(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

/** Small seeded PRNG (mulberry32): deterministic across runs and platforms. */
function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

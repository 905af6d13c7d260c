// The three-way diff (docs/DESIGN.md, "Sync rules"): for each item and its link,
// compare what both sides agreed on (the link's bases) with what Career Copilot
// says now (the item's source hash, and the draft we would write) and with what the
// calendar last said (the link's observation, recorded by observe.ts). Pure: it
// reads a snapshot and returns a plan; the engine writes the plan in one
// transaction and the executor performs it.
import type { CalendarItem, ConflictPolicy, Preferences, Timing } from '../../../shared/domain';
import { patchFromTiming } from '../copilot/to-items';
import type { CalendarSide } from '../store/conflicts-repo';
import type { Link } from '../store/links-repo';
import { newLink, withoutRemote } from '../store/links-repo';
import type { OutboxOpKind } from '../store/outbox-repo';
import { clearedItem, CREATE_HORIZON_DAYS, endedBefore, isWanted } from './desired';
import { buildDraft, draftHash, timingState } from './draft';
import type { Deletion } from './guards';

export interface PlanInput {
  accountId: string;
  calendarId: string;
  /** Used only for decisions taken once and recorded: the creation horizon, and past events kept when cancelled. */
  now: Date;
  prefs: Preferences;
  items: ReadonlyMap<string, CalendarItem>;
  /** This account's links, with the calendar's latest observation in them. */
  links: ReadonlyMap<string, Link>;
  /** Source ids with a write already queued (the executor owns them until it lands). */
  pending: ReadonlySet<string>;
  /** Applications Career Copilot has listed: a linked item they no longer produce had its date cleared. */
  knownApplications?: ReadonlySet<number>;
}

export interface PlannedOp {
  op: OutboxOpKind;
  sourceId: string;
  payload: unknown;
}

export interface PlannedConflict {
  sourceId: string;
  copilot: Timing | null;
  calendar: CalendarSide;
  explanation: string;
}

export interface Plan {
  ops: PlannedOp[];
  links: Link[];
  conflicts: PlannedConflict[];
  /** Remote ids to ignore from now on ("keep both"). */
  detach: string[];
  notes: { sourceId: string; note: string }[];
  /** Every deletion this plan makes or accepts, for the guard. */
  deletions: Deletion[];
  /** Links that currently stand for an event in the calendar. */
  liveLinks: number;
}

const DAY_MS = 24 * 3600_000;

export function plan(input: PlanInput): Plan {
  const out: Plan = { ops: [], links: [], conflicts: [], detach: [], notes: [], deletions: [], liveLinks: 0 };
  const ids = new Set<string>(input.links.keys());
  for (const [id, item] of input.items) if (isWanted(item, input.prefs)) ids.add(id);
  for (const id of [...ids].sort()) planOne(input, id, out);
  return out;
}

/** One item's decision, with the helpers that record it. */
class Decision {
  readonly wanted: boolean;
  readonly draftHash: string | null;
  readonly draftTiming: Timing | null;
  readonly creatable: boolean;

  constructor(
    private readonly input: PlanInput,
    private readonly out: Plan,
    readonly item: CalendarItem,
  ) {
    this.wanted = isWanted(item, input.prefs);
    const draft = this.wanted ? buildDraft(item, input.prefs) : null;
    this.draftHash = draft ? draftHash(draft) : null;
    this.draftTiming = draft ? draft.timing : null;
    // Creation has a horizon; nothing that exists is ever deleted for age.
    this.creatable = this.wanted && !endedBefore(item.timing, input.now.getTime() - CREATE_HORIZON_DAYS * DAY_MS);
  }

  put(l: Link): void {
    this.out.links.push(l);
  }

  op(kind: OutboxOpKind, payload: unknown = {}): void {
    this.out.ops.push({ op: kind, sourceId: this.item.sourceId, payload });
  }

  note(note: string): void {
    this.out.notes.push({ sourceId: this.item.sourceId, note });
  }

  create(l: Link): void {
    this.put({ ...l, state: 'pending' });
    this.op('create');
  }

  /** A new event for an item whose old one is gone: a new generation, so a new create key. */
  recreate(l: Link): void {
    this.create({ ...withoutRemote(l), generation: l.generation + 1 });
  }

  update(l: Link): void {
    this.put({ ...l, state: 'pending' });
    this.op('update');
  }

  deleteOutbound(l: Link): void {
    this.put({ ...l, state: 'pending' });
    this.op('delete');
    this.out.deletions.push({ sourceId: this.item.sourceId, direction: 'outbound', title: this.item.title, timing: l.seenTiming ?? this.item.timing });
  }

  /** Not wanted any more: a cancellation removes an event still to come; one that already took place stays as a record. */
  cancelOrDelete(l: Link): void {
    if (l.remoteId === null || l.seenGone) {
      this.put({ ...l, state: 'removed', baseSourceHash: this.item.hash });
      return;
    }
    const when = l.seenTiming ?? this.item.timing;
    if (this.item.cancelled && endedBefore(when, this.input.now.getTime())) {
      this.put({ ...l, state: 'kept', baseSourceHash: this.item.hash });
      this.note('Cancelled in Career Copilot after it took place; kept in your calendar as a record.');
      return;
    }
    this.deleteOutbound(l);
  }

  conflict(l: Link, explanation: string): void {
    const policy: ConflictPolicy = this.input.prefs.conflictPolicy;
    const actions = conflictActions(policy, this.input, l, this.item);
    if (actions) {
      this.out.links.push(...actions.links);
      this.out.ops.push(...actions.ops);
      this.out.detach.push(...actions.detach);
      this.note(`Both sides changed; applied your saved choice (${policy}).`);
      return;
    }
    this.put({ ...l, state: 'conflict' });
    this.out.conflicts.push({ sourceId: this.item.sourceId, copilot: this.draftTiming, calendar: calendarSide(l), explanation });
  }
}

function planOne(input: PlanInput, sourceId: string, out: Plan): void {
  const stored = input.links.get(sourceId) ?? null;
  if (stored && isLive(stored)) out.liveLinks++;
  if (input.pending.has(sourceId)) return; // the executor owns it until the queued write lands
  const item = input.items.get(sourceId) ?? (stored ? clearedItem(stored, input.knownApplications) : null);
  // Events the app created for an application it has never seen (one deleted
  // before this database existed) are left alone rather than guessed at.
  if (!item) return;
  const d = new Decision(input, out, item);

  if (!stored) {
    if (d.creatable) d.create(newLink(input.accountId, sourceId, input.calendarId));
    return;
  }
  // Links from before the status model kept no source base: what Career Copilot says now is agreed.
  const link = stored.baseSourceHash === null && stored.baseDraftHash !== null ? { ...stored, baseSourceHash: item.hash } : stored;
  if (link !== stored) d.put(link);

  if (link.state === 'synced' && link.remoteId !== null && link.baseDraftHash === null && link.baseSourceHash === null) {
    adopt(d, link);
    return;
  }

  const seenLive = link.remoteId !== null && !link.seenGone;
  const remoteGone = link.remoteId !== null && link.seenGone;
  const remoteMoved = seenLive && link.seenRemoteHash !== null && link.seenRemoteHash !== link.baseRemoteHash;
  const sourceChanged = item.hash !== link.baseSourceHash;
  const renderChanged = d.draftHash !== link.baseDraftHash;

  switch (link.state) {
    case 'conflict':
      return; // waits for the user
    case 'remote_deleted':
      if (seenLive) {
        // Restored from the calendar's trash: linked again, then Career Copilot's version is written if it changed.
        const back = { ...link, state: 'synced' as const, baseRemoteHash: link.seenRemoteHash };
        if (d.wanted && (sourceChanged || renderChanged)) d.update(back);
        else d.put(back);
      } else if (d.creatable && sourceChanged) {
        // Career Copilot changed it since the user deleted it: that is news, so it comes back once.
        d.recreate(link);
        d.note('Career Copilot changed this since you deleted it in your calendar, so it was added again.');
      }
      return;
    case 'removed':
      if (seenLive) {
        // Still there after we removed it (a create that landed late, or restored by the user).
        if (d.wanted) d.update({ ...link, baseRemoteHash: link.seenRemoteHash });
        else d.deleteOutbound(link);
      } else if (d.creatable) {
        d.recreate(link);
      }
      return;
    case 'kept':
      if (remoteGone) {
        // A record the user deleted is gone for good; if Career Copilot wants it back meanwhile, that is a conflict.
        if (d.wanted && sourceChanged) d.conflict(link, 'You deleted this event in your calendar, and Career Copilot changed it since.');
        else if (d.wanted) d.put({ ...link, state: 'remote_deleted' });
        else d.put({ ...link, state: 'removed' });
      } else if (d.wanted) d.update({ ...link, baseRemoteHash: link.seenRemoteHash ?? link.baseRemoteHash });
      else if (sourceChanged) d.put({ ...link, baseSourceHash: item.hash });
      return;
    case 'pending':
      // Pending with no queued write (its write was dropped): decide afresh.
      if (link.remoteId === null) {
        if (d.creatable) d.create(link);
        else d.put({ ...link, state: 'removed' });
        return;
      }
      break;
    case 'synced':
      break;
  }

  if (remoteGone) {
    if (!d.wanted) {
      // The user deleted it (the app had not yet): theirs, so a preference alone never brings it back; the guard sees it too.
      d.put({ ...link, state: 'remote_deleted', baseSourceHash: item.hash });
      out.deletions.push({ sourceId: item.sourceId, direction: 'inbound', title: item.title, timing: link.seenTiming ?? item.timing });
    } else if (sourceChanged) {
      d.conflict(link, 'You deleted this event in your calendar, and Career Copilot changed it since.');
    } else {
      deletedInCalendar(input, d, link, out);
    }
    return;
  }

  if (remoteMoved) {
    if (!sourceChanged) {
      if (d.wanted) pullOrAccept(input, d, link);
      else d.deleteOutbound(link); // e.g. that kind of event was turned off
    } else if (!d.wanted) {
      d.cancelOrDelete(link); // cancelled in Career Copilot, moved in the calendar: Career Copilot owns what exists
    } else if (d.draftTiming && timingState(d.draftTiming) === link.seenRemoteHash) {
      // Both sides moved it to the same time: no conflict, just bring the details over.
      d.update({ ...link, baseRemoteHash: link.seenRemoteHash });
    } else {
      d.conflict(link, 'Career Copilot changed this item, and it was moved in your calendar.');
    }
    return;
  }

  if (!d.wanted) {
    d.cancelOrDelete(link);
    return;
  }
  if (sourceChanged || renderChanged) d.update(link);
  else if (link.state === 'pending') d.put({ ...link, state: 'synced' });
}

/** A tagged event found in the calendar with no record of ours (a rebuilt database): Career Copilot owns the details. */
function adopt(d: Decision, link: Link): void {
  if (link.seenGone) {
    d.put({ ...link, state: 'removed' });
  } else if (d.wanted) {
    d.update({ ...link, baseRemoteHash: link.seenRemoteHash });
    d.note('Found an event this app created earlier; linked it again.');
  } else {
    d.cancelOrDelete(link);
  }
}

function deletedInCalendar(input: PlanInput, d: Decision, link: Link, out: Plan): void {
  const item = d.item;
  d.put({ ...link, state: 'remote_deleted' });
  out.deletions.push({ sourceId: item.sourceId, direction: 'inbound', title: item.title, timing: item.timing });
  if (input.prefs.deletePolicy === 'clear_in_copilot' && (item.kind === 'interview' || item.kind === 'follow_up')) {
    d.op('copilot_put', {
      applicationId: item.applicationId,
      patch: item.kind === 'interview' ? { interview_date: null } : { follow_up_date: null },
      remoteHash: null,
      remoteId: link.remoteId,
      etag: link.revision,
      accountId: input.accountId,
    });
  }
  d.note('Deleted in the calendar; it will not be added again unless Career Copilot changes it.');
}

/** Only the calendar changed: send the new time to Career Copilot, or accept it when there is nothing to send. */
function pullOrAccept(input: PlanInput, d: Decision, link: Link): void {
  const item = d.item;
  const seen = link.seenTiming;
  const patch = seen ? patchFromTiming(item.kind, seen, item.timing, input.prefs.timeZone) : null;
  const sameStart = seen?.type === 'timed' && item.timing.type === 'timed' && Date.parse(seen.startUtc) === Date.parse(item.timing.startUtc);
  if (!patch || (item.kind === 'interview' && sameStart)) {
    // Nothing Career Copilot stores changed (a prep block, or only the end moved): keep the calendar's version.
    d.put({ ...link, state: 'synced', baseRemoteHash: link.seenRemoteHash });
    return;
  }
  d.put({ ...link, state: 'pending' });
  d.op('copilot_put', pushBackPayload(input.accountId, item, link, patch));
  d.note('Moved in the calendar; sending the new time to Career Copilot.');
}

/** What a conflict choice does, from the link's latest observation; null for "ask". Shared with the resolve command. */
export function conflictActions(
  choice: ConflictPolicy,
  input: Pick<PlanInput, 'accountId' | 'prefs'>,
  link: Link,
  item: CalendarItem,
): { links: Link[]; ops: PlannedOp[]; detach: string[] } | null {
  const gone = link.remoteId === null || link.seenGone;
  const wanted = isWanted(item, input.prefs);
  const dHash = wanted ? draftHash(buildDraft(item, input.prefs)) : null;
  const fresh = (l: Link): Link => ({ ...withoutRemote(l), baseDraftHash: null, baseRemoteHash: null, generation: l.generation + 1, state: 'pending' });
  switch (choice) {
    case 'ask':
      return null;
    case 'keep_copilot':
      if (!wanted) return { links: [{ ...link, state: gone ? 'removed' : 'pending' }], ops: gone ? [] : [{ op: 'delete', sourceId: item.sourceId, payload: { force: true } }], detach: [] };
      if (gone) return { links: [fresh(link)], ops: [{ op: 'create', sourceId: item.sourceId, payload: {} }], detach: [] };
      return { links: [{ ...link, state: 'pending', baseRemoteHash: link.seenRemoteHash }], ops: [{ op: 'update', sourceId: item.sourceId, payload: { force: true } }], detach: [] };
    case 'keep_calendar': {
      const agreed = { ...link, baseSourceHash: item.hash, baseDraftHash: dHash };
      if (gone) return { links: [{ ...agreed, state: 'remote_deleted' }], ops: [], detach: [] };
      const patch = link.seenTiming ? patchFromTiming(item.kind, link.seenTiming, item.timing, input.prefs.timeZone) : null;
      if (!patch) return { links: [{ ...agreed, state: 'synced', baseRemoteHash: link.seenRemoteHash }], ops: [], detach: [] };
      return { links: [{ ...link, state: 'pending' }], ops: [{ op: 'copilot_put', sourceId: item.sourceId, payload: pushBackPayload(input.accountId, item, link, patch) }], detach: [] };
    }
    case 'keep_both': {
      // The calendar's version stays as the user's own event; Career Copilot's gets a new one.
      const detach = gone || !link.remoteId ? [] : [link.remoteId];
      return { links: [{ ...fresh(link), baseSourceHash: null }], ops: wanted ? [{ op: 'create', sourceId: item.sourceId, payload: {} }] : [], detach };
    }
  }
}

/** Sends the calendar's time back to Career Copilot; the calendar state it records becomes the base on ack. */
function pushBackPayload(accountId: string, item: CalendarItem, link: Link, patch: object): unknown {
  return { applicationId: item.applicationId, patch, remoteHash: link.seenRemoteHash, remoteId: link.remoteId, etag: link.revision, accountId };
}

export function calendarSide(link: Link): CalendarSide {
  return { remoteId: link.remoteId, updated: link.remoteUpdated, gone: link.remoteId === null || link.seenGone, title: link.seenTitle, timing: link.seenGone ? null : link.seenTiming };
}

function isLive(link: Link): boolean {
  return link.remoteId !== null && !link.seenGone && (link.state === 'synced' || link.state === 'conflict' || link.state === 'kept');
}

// The three-way diff (DESIGN §5): for each item/link/event, compare the link's base
// with Career Copilot's item and with the calendar's event, and decide. Pure: it
// reads a snapshot and returns a plan; the engine writes the plan in one
// transaction and the executor performs it.
import type { CalendarItem, ConflictPolicy, Preferences, Timing } from '../../../shared/domain';
import type { RemoteEvent } from '../providers/provider';
import type { Link } from '../store/links-repo';
import type { OutboxOpKind } from '../store/outbox-repo';
import { patchFromTiming } from '../copilot/to-items';
import { buildDraft, draftHash, draftTimeState, isWanted, remoteTimeState } from './draft';

export interface PlanInput {
  accountId: string;
  calendarId: string;
  now: Date;
  prefs: Preferences;
  items: ReadonlyMap<string, CalendarItem>;
  links: ReadonlyMap<string, Link>;
  /** Tagged events from the listing, keyed by source id (detached ones already removed). */
  remote: ReadonlyMap<string, RemoteEvent>;
  /** The listing was complete: a linked event missing from it was deleted. */
  full: boolean;
  /** Source ids with a calendar write already queued for this account. */
  pending: ReadonlySet<string>;
}

export interface PlannedOp {
  op: OutboxOpKind;
  sourceId: string;
  payload: unknown;
}

export interface PlannedConflict {
  sourceId: string;
  copilot: Timing | null;
  calendar: RemoteEvent;
  explanation: string;
}

export interface Plan {
  ops: PlannedOp[];
  links: Link[];
  conflicts: PlannedConflict[];
  /** Remote ids to ignore from now on ("keep both"). */
  detach: string[];
  notes: { sourceId: string; note: string }[];
  /** Events the app would delete in the calendar. */
  outboundDeletes: number;
  /** Events the user deleted in the calendar that this plan acts on. */
  inboundDeletes: number;
  /** Links that currently stand for an event in the calendar. */
  liveLinks: number;
}

export function plan(input: PlanInput): Plan {
  const out: Plan = { ops: [], links: [], conflicts: [], detach: [], notes: [], outboundDeletes: 0, inboundDeletes: 0, liveLinks: 0 };
  const ids = new Set<string>([...input.links.keys(), ...input.remote.keys()]);
  for (const [id, item] of input.items) if (isWanted(item, input.prefs, input.now)) ids.add(id);
  for (const id of [...ids].sort()) planOne(input, id, out);
  return out;
}

function planOne(input: PlanInput, sourceId: string, out: Plan): void {
  const { prefs, now } = input;
  const item = input.items.get(sourceId) ?? null;
  const link = input.links.get(sourceId) ?? null;
  const remote = input.remote.get(sourceId) ?? null;
  if (link && (link.state === 'synced' || link.state === 'conflict') && link.remoteId) out.liveLinks++;
  if (input.pending.has(sourceId)) return; // the executor owns it until the queued write lands

  // Events the app created but has no item for (an application deleted before
  // this database existed) are left alone rather than guessed at.
  if (!item) return;

  const generation = link?.generation ?? 0;
  const draft = isWanted(item, prefs, now) ? buildDraft(item, prefs, generation) : null;
  const dHash = draft ? draftHash(draft) : null;
  const op = (kind: OutboxOpKind, payload: unknown = {}): void => {
    out.ops.push({ op: kind, sourceId, payload });
  };
  const put = (l: Link): void => {
    out.links.push(l);
  };

  if (!link) {
    const fresh: Link = {
      accountId: input.accountId,
      sourceId,
      calendarId: input.calendarId,
      remoteId: null,
      etag: null,
      remoteUpdated: null,
      baseItemHash: null,
      baseRemoteHash: null,
      generation: 0,
      state: 'pending',
      lastSyncedAt: null,
    };
    if (remote && !remote.cancelled) {
      // Our tagged event exists but we have no record (rebuilt database): adopt it,
      // then bring it in line with Career Copilot, which owns the details.
      const adopted: Link = { ...fresh, remoteId: remote.remoteId, etag: remote.etag, remoteUpdated: remote.updated, baseRemoteHash: remoteTimeState(remote) };
      if (draft) {
        put(adopted);
        op('update');
        out.notes.push({ sourceId, note: 'Found an event this app created earlier; linked it again.' });
      } else {
        put(adopted);
        op('delete');
        out.outboundDeletes++;
      }
      return;
    }
    if (draft) {
      put(fresh);
      op('create');
    }
    return;
  }

  // A full listing speaks only for its own calendar.
  const calendarGone = (remote?.cancelled ?? false) || (input.full && !remote && link.remoteId !== null && link.calendarId === input.calendarId);
  const remoteMoved = remote !== null && !remote.cancelled && remoteTimeState(remote) !== link.baseRemoteHash;
  const itemChanged = dHash !== null ? dHash !== link.baseItemHash : link.baseItemHash !== null;
  const seen = (l: Link): Link => (remote ? { ...l, etag: remote.etag, remoteUpdated: remote.updated } : l);

  switch (link.state) {
    case 'conflict':
      return; // waits for the user
    case 'remote_deleted':
      if (remote && !remote.cancelled) {
        // Restored from the calendar's trash: back in sync, then let Career Copilot's version win.
        put({ ...seen(link), state: dHash && dHash !== link.baseItemHash ? 'pending' : 'synced', baseRemoteHash: remoteTimeState(remote) });
        if (dHash && dHash !== link.baseItemHash) op('update');
      } else if (draft && itemChanged) {
        // Career Copilot changed it since the user deleted it: that is news, so it comes back once.
        put({ ...link, state: 'pending' });
        op('create');
      }
      return;
    case 'removed':
      if (draft) {
        put({ ...link, state: 'pending' });
        op('create');
      } else if (remote && !remote.cancelled) {
        // A create that landed just before its item was cancelled.
        put({ ...seen(link), remoteId: remote.remoteId, state: 'pending' });
        op('delete');
        out.outboundDeletes++;
      }
      return;
    case 'pending':
    case 'synced':
      break;
  }

  if (calendarGone) {
    out.inboundDeletes++;
    if (!draft) {
      put({ ...seen(link), state: 'removed', baseRemoteHash: remote ? remoteTimeState(remote) : null });
      return;
    }
    if (itemChanged) {
      conflictOrPolicy(input, out, link, item, draft ? draft.timing : null, remote ?? tombstone(link), 'You deleted this event in your calendar, and Career Copilot changed it since.');
      return;
    }
    put({ ...seen(link), state: 'remote_deleted' });
    if (prefs.deletePolicy === 'clear_in_copilot' && (item.kind === 'interview' || item.kind === 'follow_up')) {
      op('copilot_put', {
        applicationId: item.applicationId,
        patch: item.kind === 'interview' ? { interview_date: null } : { follow_up_date: null },
        remoteHash: remote ? remoteTimeState(remote) : null,
        remoteId: link.remoteId,
        etag: remote?.etag ?? link.etag,
        accountId: input.accountId,
      });
    }
    out.notes.push({ sourceId, note: 'Deleted in the calendar; it will not be recreated unless Career Copilot changes it.' });
    return;
  }

  if (remoteMoved && remote) {
    if (!itemChanged) {
      pullOrAccept(input, out, link, item, remote);
      return;
    }
    if (!draft) {
      put({ ...seen(link), state: 'pending' });
      op('delete');
      out.outboundDeletes++;
      return;
    }
    if (draftTimeState(draft) === remoteTimeState(remote)) {
      // Both sides moved it to the same time: no conflict, just bring the details over.
      put({ ...seen(link), state: 'pending', baseRemoteHash: remoteTimeState(remote) });
      op('update');
      return;
    }
    conflictOrPolicy(input, out, link, item, draft.timing, remote, explainBoth(item, remote));
    return;
  }

  if (itemChanged) {
    put({ ...seen(link), state: 'pending' });
    if (draft) op('update');
    else {
      op('delete');
      out.outboundDeletes++;
    }
    return;
  }

  if (remote && (remote.etag !== link.etag || link.state === 'pending')) put({ ...seen(link), state: 'synced' });
}

/** Only the calendar changed: send the new time to Career Copilot, or accept it when there is nothing to send. */
function pullOrAccept(input: PlanInput, out: Plan, link: Link, item: CalendarItem, remote: RemoteEvent): void {
  const patch = remote.timing ? patchFromTiming(item.kind, remote.timing, item.timing, input.prefs.timeZone) : null;
  const unchangedStart = remote.timing?.type === 'timed' && item.timing.type === 'timed' && sameInstant(remote.timing.startUtc, item.timing.startUtc);
  if (!patch || (item.kind === 'interview' && unchangedStart)) {
    // Nothing Career Copilot stores changed (a prep block, or only the end moved): keep the calendar's version.
    out.links.push({ ...link, etag: remote.etag, remoteUpdated: remote.updated, baseRemoteHash: remoteTimeState(remote), state: 'synced' });
    return;
  }
  out.links.push({ ...link, etag: remote.etag, remoteUpdated: remote.updated, state: 'pending' });
  out.ops.push(pushBackOp(input.accountId, item, remote, patch));
  out.notes.push({ sourceId: item.sourceId, note: 'Moved in the calendar; sending the new time to Career Copilot.' });
}

function conflictOrPolicy(
  input: PlanInput,
  out: Plan,
  link: Link,
  item: CalendarItem,
  copilot: Timing | null,
  remote: RemoteEvent,
  explanation: string,
): void {
  const policy: ConflictPolicy = input.prefs.conflictPolicy;
  const actions = conflictActions(policy, input, link, item, remote);
  if (actions) {
    out.links.push(...actions.links);
    out.ops.push(...actions.ops);
    out.detach.push(...actions.detach);
    out.notes.push({ sourceId: item.sourceId, note: `Both sides changed; applied your saved choice (${policy}).` });
    return;
  }
  out.links.push({ ...link, state: 'conflict' });
  out.conflicts.push({ sourceId: item.sourceId, copilot, calendar: remote, explanation });
}

/** What a conflict choice does; null for "ask". Shared with the resolve command. */
export function conflictActions(
  choice: ConflictPolicy,
  input: Pick<PlanInput, 'accountId' | 'prefs'>,
  link: Link,
  item: CalendarItem,
  remote: RemoteEvent,
): { links: Link[]; ops: PlannedOp[]; detach: string[] } | null {
  const seen = { ...link, etag: remote.etag, remoteUpdated: remote.updated };
  switch (choice) {
    case 'ask':
      return null;
    case 'keep_copilot':
      return {
        links: [{ ...seen, state: 'pending', baseRemoteHash: remoteTimeState(remote) }],
        ops: [{ op: remote.cancelled ? 'create' : 'update', sourceId: item.sourceId, payload: { force: true } }],
        detach: [],
      };
    case 'keep_calendar': {
      if (remote.cancelled || !remote.timing) {
        return { links: [{ ...seen, state: 'remote_deleted', baseItemHash: draftHashOf(item, input.prefs, link.generation) }], ops: [], detach: [] };
      }
      const patch = patchFromTiming(item.kind, remote.timing, item.timing, input.prefs.timeZone);
      if (!patch) return { links: [{ ...seen, state: 'synced', baseRemoteHash: remoteTimeState(remote), baseItemHash: draftHashOf(item, input.prefs, link.generation) }], ops: [], detach: [] };
      return {
        links: [{ ...seen, state: 'pending' }],
        ops: [pushBackOp(input.accountId, item, remote, patch)],
        detach: [],
      };
    }
    case 'keep_both': {
      // The calendar's version stays as the user's own event; Career Copilot's gets a new one.
      const detach = remote.cancelled || !link.remoteId ? [] : [link.remoteId];
      return {
        links: [{ ...link, remoteId: null, etag: null, remoteUpdated: null, baseItemHash: null, baseRemoteHash: null, generation: link.generation + 1, state: 'pending' }],
        ops: [{ op: 'create', sourceId: item.sourceId, payload: {} }],
        detach,
      };
    }
  }
}

/** Sends the calendar's time back to Career Copilot; the calendar state it records becomes the base on ack. */
function pushBackOp(accountId: string, item: CalendarItem, remote: RemoteEvent, patch: object): PlannedOp {
  return {
    op: 'copilot_put',
    sourceId: item.sourceId,
    payload: { applicationId: item.applicationId, patch, remoteHash: remoteTimeState(remote), remoteId: remote.remoteId, etag: remote.etag, accountId },
  };
}

function draftHashOf(item: CalendarItem, prefs: Preferences, generation: number): string | null {
  return isWantedForHash(item) ? draftHash(buildDraft(item, prefs, generation)) : null;
}

function isWantedForHash(item: CalendarItem): boolean {
  return !item.cancelled;
}

function tombstone(link: Link): RemoteEvent {
  return { remoteId: link.remoteId ?? '', etag: link.etag ?? '', updated: link.remoteUpdated ?? '', cancelled: true, sourceId: link.sourceId, title: null, timing: null };
}

function sameInstant(a: string, b: string): boolean {
  return Date.parse(a) === Date.parse(b);
}

function explainBoth(item: CalendarItem, remote: RemoteEvent): string {
  return `Career Copilot changed this item (updated ${item.sourceUpdatedAt}) and it was moved in your calendar (updated ${remote.updated}).`;
}

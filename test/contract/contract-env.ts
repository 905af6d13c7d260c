// What the provider contract suite (provider-contract.ts) needs from each
// provider: the real provider pointed at a real server (a sandbox stand-in, or a
// real CalDAV server), plus a way to act as the user in their own calendar app,
// outside the provider, to make the changes a sync must notice.
import type { Timing } from '../../src/shared/domain';
import type { CalendarProvider } from '../../src/main/core/providers/provider';

export interface ContractUser {
  /** Deletes the event as the user would in their calendar app. */
  deleteEvent(remoteId: string): Promise<void>;
  /** Moves the event as the user would (changes its revision). */
  moveEvent(remoteId: string, timing: Timing): Promise<void>;
  /** Adds an event the app did not create (no tag); returns its remote id. */
  addForeignEvent(title: string, timing: Timing): Promise<string>;
  /** Adds something the app does not write to the event (an extra reminder, an attendee, a link), and checks it is still there. */
  addUserDetail(remoteId: string): Promise<void>;
  hasUserDetail(remoteId: string): Promise<boolean>;
}

export interface ContractEnv {
  provider: CalendarProvider;
  calendarId: string;
  user: ContractUser;
  /** Events per listing page on this server, so the suite can force a second page. */
  pageSize: number;
  close(): Promise<void>;
}

export type ContractSetup = () => Promise<ContractEnv>;

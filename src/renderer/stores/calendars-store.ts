// Each account's calendars, as the service lists them (listCalendars), and the
// choice of the one the app writes to (setCalendar). Loaded when a card shows,
// per account, so one service being slow or refusing never blanks another card.
import { create } from 'zustand';
import type { CalendarChoice } from '../../shared/contract';
import type { AccountView } from '../../shared/domain';
import { calendar, messageOf } from '../api';
import { useStateStore } from './state-store';

export type CalendarList = { status: 'loading' } | { status: 'ready'; calendars: CalendarChoice[] } | { status: 'failed'; message: string };

export interface CalendarsStore {
  lists: Record<string, CalendarList>;
  /** The account whose calendar is being changed right now. */
  saving: string | null;
  load(accountId: string): Promise<void>;
  /** True when the account now writes to `calendarId`. */
  choose(accountId: string, calendarId: string): Promise<boolean>;
  forget(accountId: string): void;
}

export const useCalendarsStore = create<CalendarsStore>()((set, get) => ({
  lists: {},
  saving: null,

  async load(accountId) {
    set({ lists: { ...get().lists, [accountId]: { status: 'loading' } } });
    let next: CalendarList;
    try {
      next = { status: 'ready', calendars: await calendar().listCalendars({ accountId }) };
    } catch (error) {
      next = { status: 'failed', message: messageOf(error) };
    }
    set({ lists: { ...get().lists, [accountId]: next } });
  },

  async choose(accountId, calendarId) {
    set({ saving: accountId });
    useStateStore.getState().setAccountError(accountId, null);
    try {
      await calendar().setCalendar({ accountId, calendarId });
      await useStateStore.getState().load();
      return true;
    } catch (error) {
      useStateStore.getState().setAccountError(accountId, messageOf(error));
      return false;
    } finally {
      set({ saving: null });
    }
  },

  forget(accountId) {
    const { [accountId]: _gone, ...rest } = get().lists;
    set({ lists: rest });
  },
}));

/**
 * The listed calendar the account writes to. Google and Outlook accounts start on
 * the service's alias for the main calendar ('primary', 'default'), which the
 * list names by its real id and marks as primary: choosing that one again must
 * not read as a move.
 */
export function currentCalendar(account: Pick<AccountView, 'calendarId'>, calendars: readonly CalendarChoice[]): CalendarChoice | undefined {
  const exact = calendars.find((c) => c.id === account.calendarId);
  if (exact) return exact;
  if (account.calendarId === 'primary' || account.calendarId === 'default') return calendars.find((c) => c.primary);
  return undefined;
}

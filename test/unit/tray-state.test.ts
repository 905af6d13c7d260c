// The tray icon's four states and its tooltip words, from the app state.
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../src/shared/contract';
import { DEFAULT_PREFERENCES } from '../../src/shared/domain';
import { trayState, trayStatus } from '../../src/main/electron/tray-state';

const base: AppState = {
  copilot: { signedIn: true, email: 'jane@careercopilot.example', baseUrl: 'http://x' },
  accounts: [],
  preferences: DEFAULT_PREFERENCES,
  outbox: { pending: 2, failed: 0 },
  openConflicts: 0,
  lastRun: null,
  alerts: [],
  syncing: false,
};
const revoked = { id: 'reauth-g', level: 'error' as const, message: 'jane@gmail.example: Google access was removed.', action: 'reconnect' as const, accountId: 'g' };
const on = { paused: false, online: true };

describe('tray', () => {
  it('shows ok, syncing, needs attention and offline', () => {
    expect(trayState(base, on)).toBe('ok');
    expect(trayState({ ...base, syncing: true }, on)).toBe('syncing');
    expect(trayState({ ...base, syncing: true, alerts: [revoked] }, on)).toBe('attention');
    expect(trayState({ ...base, alerts: [revoked] }, { ...on, online: false })).toBe('offline');
  });

  it('says it in words, paused included', () => {
    expect(trayStatus(base, on)).toBe('up to date');
    expect(trayStatus(base, { ...on, paused: true })).toBe('syncing is paused');
    expect(trayStatus({ ...base, alerts: [revoked] }, on)).toBe('needs attention: jane@gmail.example: Google access was removed.');
    expect(trayStatus(base, { ...on, online: false })).toBe('offline — 2 changes will be sent when the connection is back');
  });
});

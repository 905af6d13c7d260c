// The account cards show who is connected: Outlook's display name next to the
// address (from Graph /me at sign-in), kept across a restart of the state and
// forgotten on disconnect. Google's sign-in asks only for the address, so its
// accounts have no name. Real core, real sandboxes, real keychain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccountsHarness, type AccountsHarness } from '../fixtures/accounts-harness';

describe('account names', () => {
  let h: AccountsHarness;
  beforeAll(async () => {
    h = await startAccountsHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("keeps the Outlook account's display name, and none for Google", async () => {
    const outlook = await h.core.connect({ provider: 'microsoft' });
    expect(outlook).toMatchObject({ id: 'microsoft:jane.doe@contoso.example', email: 'jane.doe@contoso.example', displayName: 'Jane Doe' });
    const google = await h.core.connect({ provider: 'google' });
    expect(google.displayName ?? null).toBeNull();
    const state = await h.core.getState();
    expect(state.accounts.map((a) => [a.provider, a.displayName ?? null])).toEqual([
      ['microsoft', 'Jane Doe'],
      ['google', null],
    ]);
  });

  it('forgets the name with the account', async () => {
    await h.core.disconnect({ accountId: 'microsoft:jane.doe@contoso.example', removeEvents: false });
    expect(h.core.store.kv.get('account-name:microsoft:jane.doe@contoso.example')).toBeNull();
    expect((await h.core.getState()).accounts.map((a) => a.provider)).toEqual(['google']);
  });
});

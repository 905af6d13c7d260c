// The Outlook provider for the shared contract suite: the real provider, MSAL
// and Graph client against a fresh Microsoft sandbox (over TLS, trusted through
// the global setup), connected through the real loopback sign-in, with the token
// cache in the real keychain under a throwaway service. The sandbox caps delta
// pages at `pageSize` so the suite can force a second page, and "the user"
// edits through the sandbox as Outlook would.
import { randomUUID } from 'node:crypto';
import { connectMicrosoft } from '../../src/main/core/auth/microsoft-oauth';
import { systemClock, systemTimers } from '../../src/main/core/ports';
import { createMicrosoftProvider } from '../../src/main/core/providers/microsoft/microsoft-provider';
import { KeychainSecretStore } from '../../src/main/core/secrets/keychain-secret-store';
import { SecretKeys } from '../../src/main/core/secrets/secret-store';
import { startMicrosoftSandbox } from '../../src/sandbox/microsoft';
import { approveInMicrosoftSandboxBrowser } from '../../src/sandbox/microsoft/microsoft-browser';
import { graphTimes } from '../fixtures/microsoft-service';
import type { ContractEnv, ContractSetup } from './contract-env';

const PAGE_SIZE = 3;
const USER_DETAIL = { name: 'Hiring Manager', address: 'hiring.manager@fabrikam.example' };

export const microsoftContractSetup: ContractSetup = async (): Promise<ContractEnv> => {
  const email = `contract-${randomUUID().slice(0, 8)}@contoso.example`;
  const sandbox = await startMicrosoftSandbox({ email, displayName: 'Contract User', maxPageSize: PAGE_SIZE });
  const secrets = new KeychainSecretStore({ service: `ccal-contract-microsoft-${randomUUID()}` });
  const config = { clientId: sandbox.clientId, ...sandbox.endpoints };
  const fetchImpl = globalThis.fetch.bind(globalThis);
  const { accountId } = await connectMicrosoft({
    config,
    secrets,
    fetch: fetchImpl,
    openUrl: approveInMicrosoftSandboxBrowser,
    onConsentUrl: () => undefined,
    timeoutMs: 10_000,
    readProfile: async () => ({ email, displayName: 'Contract User' }),
  });
  const provider = createMicrosoftProvider({ config, secrets, accountId, clock: systemClock, timers: systemTimers, fetch: fetchImpl, random: () => 0.1 });
  const attendees = (remoteId: string): unknown[] => (sandbox.events().find((e) => e.id === remoteId)?.attendees as unknown[] | undefined) ?? [];
  return {
    provider,
    calendarId: 'default',
    pageSize: PAGE_SIZE,
    user: {
      deleteEvent: async (remoteId) => sandbox.userDeleteEvent(remoteId),
      moveEvent: async (remoteId, timing) => {
        const { start, end, isAllDay } = graphTimes(timing);
        sandbox.userMoveEvent(remoteId, start, end, isAllDay);
      },
      addForeignEvent: async (title, timing) => {
        const { start, end, isAllDay } = graphTimes(timing);
        return sandbox.userCreateEvent(null, { subject: title, start, end, isAllDay });
      },
      addUserDetail: async (remoteId) => sandbox.userAddAttendee(remoteId, USER_DETAIL),
      hasUserDetail: async (remoteId) => attendees(remoteId).some((a) => JSON.stringify(a).includes(USER_DETAIL.address)),
    },
    close: async () => {
      await secrets.delete(SecretKeys.providerTokens(accountId));
      await sandbox.close();
    },
  };
};

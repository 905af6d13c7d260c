// The shared provider contract (provider-contract.ts) against CalDAV on two real
// servers. Each server starts on first use and stops after the file; a missing
// binary skips that server with the reason printed.
import { afterAll } from 'vitest';
import { caldavSkipReason, startCaldavServer, type CaldavServer, type CaldavServerKind } from '../fixtures/caldav-servers';
import { caldavContractSetup } from './caldav-env';
import { providerContract } from './provider-contract';

const started: Promise<CaldavServer>[] = [];

for (const kind of ['radicale', 'xandikos'] as CaldavServerKind[]) {
  const reason = caldavSkipReason(kind);
  if (reason) {
    console.log(`caldav.contract.test.ts (${kind}) skipped: ${reason}`);
    continue;
  }
  let server: Promise<CaldavServer> | null = null;
  const lazy = (): Promise<CaldavServer> => {
    if (!server) {
      server = startCaldavServer(kind);
      started.push(server);
    }
    return server;
  };
  providerContract(`caldav (${kind})`, caldavContractSetup(lazy));
}

afterAll(async () => {
  for (const s of started) await (await s).close();
});

// A Connect card for every service not connected yet, in the order a job seeker
// most likely uses them. The first run and the Calendars section both show these.
import type { AccountView } from '../../shared/domain';
import { useStateStore } from '../stores/state-store';
import { ConnectBrowserCard } from './ConnectBrowserCard';
import { ConnectCaldavCard } from './ConnectCaldavCard';

/** `firstRun`: nothing is connected yet, so the CalDAV form shows at once instead of behind its button. */
export function ConnectCards({ onConnected, firstRun = false }: { onConnected?(account: AccountView): void; firstRun?: boolean }) {
  const accounts = useStateStore((s) => s.state?.accounts);
  const has = (provider: AccountView['provider']): boolean => accounts?.some((a) => a.provider === provider) ?? false;
  return (
    <>
      {!has('google') && <ConnectBrowserCard provider="google" onConnected={onConnected} />}
      {!has('microsoft') && <ConnectBrowserCard provider="microsoft" onConnected={onConnected} />}
      {!has('caldav') && <ConnectCaldavCard onConnected={onConnected} startOpen={firstRun} />}
    </>
  );
}

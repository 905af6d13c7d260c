// Outlook clients write Windows time-zone names ("W. Europe Standard Time") into
// events; Graph accepts those and IANA names. The sandbox knows a handful of
// Windows names (CLDR windowsZones, territory 001) so its user helpers can write
// like Outlook does and its API accepts what Outlook would; a real server knows
// them all.
import { IANAZone } from 'luxon';

const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'Russian Standard Time': 'Europe/Moscow',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
};

/** The IANA zone luxon can compute with, for an IANA or known Windows name; null when unknown. */
export function zoneForComputation(name: string): string | null {
  const windows = WINDOWS_TO_IANA[name];
  if (windows) return windows;
  return IANAZone.isValidZone(name) ? name : null;
}

export const isWindowsZoneName = (name: string): boolean => name in WINDOWS_TO_IANA && name !== 'UTC';

// Servers the user can pick by name instead of typing a URL (the CLI's --preset and
// the window's CalDAV card). Both answer RFC 6764 discovery from these roots and
// need an app-specific password. Pure data: shared by main and the renderer.
export const CALDAV_PRESETS = {
  icloud: { label: 'iCloud', serverUrl: 'https://caldav.icloud.com' },
  fastmail: { label: 'Fastmail', serverUrl: 'https://caldav.fastmail.com' },
} as const;
export type CaldavPreset = keyof typeof CALDAV_PRESETS;

export function isCaldavPreset(name: string): name is CaldavPreset {
  return Object.hasOwn(CALDAV_PRESETS, name);
}

// The calendar services this version ships, loaded on first use (registry.ts says why).
// app.ts composes them into the registry.
import type { ProviderEntry } from './registry';

export function builtInProviders(): ProviderEntry[] {
  return [
    { kind: 'google', load: async () => (await import('./google/google-module')).googleModule },
    { kind: 'microsoft', load: async () => (await import('./microsoft/microsoft-module')).microsoftModule },
    { kind: 'caldav', load: async () => (await import('./caldav/caldav-module')).caldavModule },
  ];
}

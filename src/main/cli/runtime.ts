// Builds the core for the command line from the config file and environment.
import { CalendarCore } from '../core/app';
import { loadConfig, signInPages, type AppConfig } from '../core/config';
import { systemClock, systemTimers, type UrlOpener } from '../core/ports';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import type { SecretStore } from '../core/secrets/secret-store';
import { configureLogging, privateLogDestination } from '../core/telemetry/logger';
import { systemUrlOpener } from './open-url';

export interface RuntimeOverrides {
  config?: AppConfig;
  secrets?: SecretStore;
  openUrl?: UrlOpener;
}

export function startLogging(config: AppConfig): void {
  configureLogging(privateLogDestination(config.dataDir, 'ccal.log'), process.env.CCAL_LOG_LEVEL ?? 'info');
}

export function createRuntime(overrides: RuntimeOverrides = {}): CalendarCore {
  const config = overrides.config ?? loadConfig();
  startLogging(config);
  return new CalendarCore({
    config,
    secrets: overrides.secrets ?? new KeychainSecretStore({ service: config.keychainService }),
    clock: systemClock,
    timers: systemTimers,
    fetch: globalThis.fetch.bind(globalThis),
    // The browser opens only the configured sign-in pages (the sandboxes' in the demo).
    openUrl: overrides.openUrl ?? systemUrlOpener(signInPages(config)),
  });
}

// The calendar services this version ships. app.ts composes them into the registry.
import { caldavModule } from './caldav/caldav-module';
import { googleModule } from './google/google-module';
import { microsoftModule } from './microsoft/microsoft-module';
import type { ProviderModule } from './registry';

export function builtInProviders(): ProviderModule[] {
  return [googleModule, microsoftModule, caldavModule];
}

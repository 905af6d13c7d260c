// The calendar services this version ships. app.ts composes them into the registry.
import { googleModule } from './google/google-module';
import type { ProviderModule } from './registry';

export function builtInProviders(): ProviderModule[] {
  return [googleModule];
}

// The CalDAV provider's public face: the module the registry composes, the
// provider factory, and the presets the CLI and UI offer.
export { caldavModule, caldavAccountId, CaldavLoginSchema } from './caldav-module';
export { createCaldavProvider, type CaldavLogin, type CaldavProviderDeps } from './caldav-provider';
export { CALDAV_PRESETS, isCaldavPreset, type CaldavPreset } from './caldav-presets';

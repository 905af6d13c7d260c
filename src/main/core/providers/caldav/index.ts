// The CalDAV provider's public face: the module the registry composes and the
// provider factory. The presets the CLI and UI offer are in src/shared/caldav-presets.ts.
export { caldavModule, caldavAccountId, CaldavLoginSchema } from './caldav-module';
export { createCaldavProvider, type CaldavLogin, type CaldavProviderDeps } from './caldav-provider';

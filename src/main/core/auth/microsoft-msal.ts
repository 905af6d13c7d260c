// Builds the MSAL PublicClientApplication every Microsoft part uses: the
// configured authority (a host that is not Microsoft's own, like the sandbox, is
// named in knownAuthorities so MSAL reads its OpenID metadata instead of asking
// Microsoft's instance discovery), our network module, no hidden retries (our
// loop is the only one and the request count stays true), and MSAL's log lines
// without personal data into our logger.
import { LogLevel, PublicClientApplication, type ICachePlugin } from '@azure/msal-node';
import type { Fetch } from '../ports';
import { createLogger } from '../telemetry/logger';
import { scrubSecrets } from '../telemetry/redact';
import { isMicrosoftAuthorityHost, type MicrosoftConfig } from './microsoft-config';
import { createMsalNetworkModule } from './microsoft-network';

const log = createLogger('msal');

export interface MsalAppDeps {
  config: MicrosoftConfig;
  fetch: Fetch;
  cachePlugin: ICachePlugin;
  onHttpRequest?: (url: string) => void;
}

export function createMsalApp(deps: MsalAppDeps): PublicClientApplication {
  const { config } = deps;
  const host = new URL(config.authority).host;
  return new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      ...(isMicrosoftAuthorityHost(host) ? {} : { knownAuthorities: [host] }),
    },
    cache: { cachePlugin: deps.cachePlugin },
    system: {
      networkClient: createMsalNetworkModule(deps.fetch, deps.onHttpRequest),
      disableInternalRetries: true,
      loggerOptions: {
        logLevel: LogLevel.Warning,
        piiLoggingEnabled: false,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii) return;
          const text = scrubSecrets(message);
          if (level === LogLevel.Error) log.error(text);
          else log.warn(text);
        },
      },
    },
  });
}

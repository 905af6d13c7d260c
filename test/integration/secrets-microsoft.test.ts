// The secrets grep (secrets-body.ts) against Outlook: MSAL's access, refresh
// and ID tokens, through the Microsoft sandbox over TLS.
import { secretsSuite } from './secrets-body';

secretsSuite('microsoft');

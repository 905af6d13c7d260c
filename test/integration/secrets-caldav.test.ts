// The secrets grep (secrets-body.ts) against CalDAV: the app-specific password
// and the Basic header made from it, on real Radicale and xandikos servers.
import { secretsSuite } from './secrets-body';

secretsSuite('radicale');
secretsSuite('xandikos');

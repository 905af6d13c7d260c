// The secrets grep (secrets-body.ts) against Google Calendar: the Google sandbox.
import { secretsSuite } from './secrets-body';

secretsSuite('google');

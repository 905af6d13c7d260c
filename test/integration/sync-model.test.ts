// The model-based test (sync-model-body.ts) against Google Calendar: the Google
// sandbox, connected through the real loopback OAuth flow.
import { modelSuite } from './sync-model-body';

modelSuite('google', 10);

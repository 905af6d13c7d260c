// The model-based test (sync-model-body.ts) against Outlook: the Microsoft
// sandbox over TLS, connected through the real MSAL loopback sign-in. Fewer
// random runs than Google's by default, to keep the suite's time reasonable.
import { modelSuite } from './sync-model-body';

modelSuite('microsoft', 5);

// The model-based test (sync-model-body.ts) against CalDAV: real Radicale and
// xandikos servers, connected with an app-specific password; the flaky step is
// a proxy in front of the server answering 503. Fewer random runs per server
// than Google's by default (two servers), to keep the suite's time reasonable.
import { modelSuite } from './sync-model-body';

modelSuite('radicale', 3);
modelSuite('xandikos', 3);

// The kill -9 crash test (crash-body.ts) against CalDAV: real Radicale and
// xandikos servers, the app's writes counted by a proxy in front of them.
import { crashSuite } from './crash-body';

crashSuite('radicale');
crashSuite('xandikos');

// The kill -9 crash test (crash-body.ts) against Google Calendar: the Google sandbox.
import { crashSuite } from './crash-body';

crashSuite('google');

// The kill -9 crash test (crash-body.ts) against Outlook: the Microsoft sandbox
// over TLS, which the ccal child processes trust through NODE_EXTRA_CA_CERTS.
import { crashSuite } from './crash-body';

crashSuite('microsoft');

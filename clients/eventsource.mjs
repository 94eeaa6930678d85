// node clients/eventsource.mjs {events_url}
// The `eventsource` package (WHATWG EventSource for Node): listeners for 'message' and every named
// event type of the corpus, closed at the first 'error'. Prints form (b), an event log.
import { EventSource } from 'eventsource';
import { EVENT_NAMES } from './lib/event-names.mjs';
import { collectEventSource } from './lib/eventsource-log.mjs';
import { eventLog, oneLine, pkgVersion, printDocument, requireArgs, startWatchdog } from './lib/output.mjs';

const IMPL = `eventsource@${pkgVersion('eventsource')}`;
const TIMEOUT_MS = 20000;
const events = [];
const makeDoc = (raised) => eventLog(IMPL, events, raised);

startWatchdog(makeDoc);
const args = requireArgs(1, 'eventsource.mjs EVENTS_URL', makeDoc);
if (args) {
  try {
    const { raised } = await collectEventSource({ url: args[0], names: EVENT_NAMES, timeoutMs: TIMEOUT_MS, sink: events }, EventSource);
    printDocument(makeDoc(raised));
  } catch (err) {
    printDocument(makeDoc(oneLine(err)));
  }
}

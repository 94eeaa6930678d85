// node clients/eventsource.mjs {events_url}                 (or --persistent: lib/adapter.mjs)
// The `eventsource` package (WHATWG EventSource for Node): listeners for 'message' and every named
// event type of the corpus, closed at the first 'error'. Prints form (b), an event log.
import { EventSource } from 'eventsource';
import { main } from './lib/adapter.mjs';
import { listenFor } from './lib/event-names.mjs';
import { collectEventSource } from './lib/eventsource-log.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';
import { CLIENT_TIMEOUT_MS } from './lib/request.mjs';

const IMPL = `eventsource@${pkgVersion('eventsource')}`;
const partial = (log, raised) => eventLog(IMPL, log.events ?? [], raised);

async function run({ events_url: url, event_types: types }, log) {
  log.events = [];
  try {
    const names = listenFor(types);
    const { raised } = await collectEventSource({ url, names, timeoutMs: CLIENT_TIMEOUT_MS, sink: log.events }, EventSource);
    return partial(log, raised);
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

await main({ usage: 'eventsource.mjs EVENTS_URL', args: ['events_url'], run, partial });

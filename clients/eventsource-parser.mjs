// node clients/eventsource-parser.mjs {events_url}
// fetch GET, then the body through TextDecoderStream into eventsource-parser's createParser; every
// event of any name goes to the log. Prints form (b), an event log.
import { createParser } from 'eventsource-parser';
import { eventLog, oneLine, pkgVersion, printDocument, requireArgs, startWatchdog } from './lib/output.mjs';

const IMPL = `eventsource-parser@${pkgVersion('eventsource-parser')}`;
const TIMEOUT_MS = 20000;
const events = [];
const makeDoc = (raised) => eventLog(IMPL, events, raised);

startWatchdog(makeDoc);
const args = requireArgs(1, 'eventsource-parser.mjs EVENTS_URL', makeDoc);
if (args) printDocument(makeDoc(await run(args[0])));

// Returns raised: null when the body ended, else the error's message.
async function run(url) {
  try {
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      return `HTTP ${res.status}: ${body.split(/\r\n|\r|\n/)[0]}`;
    }
    // Parse errors ("unknown-field", "invalid-retry") are lines WHATWG ignores: not an outcome.
    // id reported as EventSource's lastEventId: onId runs (before onEvent) for each valid id field.
    let lastEventId = '';
    const parser = createParser({
      onId: (id) => {
        lastEventId = id;
      },
      onEvent: (ev) => events.push({ type: ev.event ?? 'message', data: ev.data, id: lastEventId }),
    });
    // No reset({consume: true}) at the end: an unterminated last event is discarded, as WHATWG says.
    for await (const text of res.body.pipeThrough(new TextDecoderStream())) parser.feed(text);
    return null;
  } catch (err) {
    return oneLine(err);
  }
}

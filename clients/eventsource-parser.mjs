// node clients/eventsource-parser.mjs {events_url}          (or --persistent: lib/adapter.mjs)
// fetch GET, then the body through TextDecoderStream into eventsource-parser's createParser; every
// event of any name goes to the log. Prints form (b), an event log.
import { createParser } from 'eventsource-parser';
import { main } from './lib/adapter.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';
import { CLIENT_TIMEOUT_MS } from './lib/request.mjs';

const IMPL = `eventsource-parser@${pkgVersion('eventsource-parser')}`;
const partial = (log, raised) => eventLog(IMPL, log.events ?? [], raised);

// raised: null when the body ended, else the error's message.
async function run({ events_url: url }, log) {
  const events = (log.events = []);
  try {
    const res = await fetch(url, {
      headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' },
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      return partial(log, `HTTP ${res.status}: ${body.split(/\r\n|\r|\n/)[0]}`);
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
    return partial(log, null);
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

await main({ usage: 'eventsource-parser.mjs EVENTS_URL', args: ['events_url'], run, partial });

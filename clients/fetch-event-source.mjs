// node clients/fetch-event-source.mjs {events_url}          (or --persistent: lib/adapter.mjs)
// @microsoft/fetch-event-source (npm): fetchEventSource(url, {onmessage, onerror, openWhenHidden})
// over Node's fetch; every message it hands to onmessage goes to the log (type = msg.event or
// "message", data = msg.data, id = msg.id: the library passes the id of that message only, not a
// lastEventId). Form (b), an event log.
// The library retries after any error unless onerror throws: onerror rethrows, so the first error
// (a content type other than text/event-stream, which is how its default onopen rejects an HTTP
// error; a network error; a body cut short) ends the run and becomes raised. Its own timeout-free
// end: the signal's abort makes it resolve silently, so a run aborted by the 20 s signal says so.
// The package is written for browsers: it calls document.addEventListener/removeEventListener and
// window.setTimeout/clearTimeout even with openWhenHidden (lib/esm/fetch.js of
// https://github.com/Azure/fetch-event-source/blob/v2.0.1/src/fetch.ts), so a stub `document`
// (never hidden) and `window` = globalThis stand in for the page here.
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { main } from './lib/adapter.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';
import { CLIENT_TIMEOUT_MS } from './lib/request.mjs';

globalThis.window ??= globalThis;
globalThis.document ??= { hidden: false, addEventListener() {}, removeEventListener() {} };

const IMPL = `@microsoft/fetch-event-source@${pkgVersion('@microsoft/fetch-event-source')}`;
const partial = (log, raised) => eventLog(IMPL, log.events ?? [], raised);

async function run({ events_url: url }, log) {
  const events = (log.events = []);
  const signal = AbortSignal.timeout(CLIENT_TIMEOUT_MS);
  try {
    await fetchEventSource(url, {
      signal,
      openWhenHidden: true,
      onmessage: (msg) => events.push({ type: msg.event || 'message', data: msg.data, id: msg.id }),
      onerror: (err) => {
        throw err;
      },
    });
    return partial(log, signal.aborted ? `fetchEventSource aborted after ${CLIENT_TIMEOUT_MS} ms` : null);
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

await main({ usage: 'fetch-event-source.mjs EVENTS_URL', args: ['events_url'], run, partial });

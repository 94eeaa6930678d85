// Collect what a WHATWG EventSource delivers, until its first 'error' (the server closes the
// response at the end of the stream; EventSource would then reconnect: we close instead).
//
// This function is self-contained (no imports, no closures over module state) because
// clients/chromium.mjs sends its source text into the page and compiles it in a fresh iframe,
// where ES defaults to that iframe's EventSource; clients/eventsource.mjs passes the `eventsource`
// package's class.
//
// Resolves to {events: [{type, data, id}], raised}. raised stays null for the ordinary end; it is
// set for a real error signal: an error event with a message (the `eventsource` package reports
// "Non-200 status code (404)", "fetch failed: ...", "terminated"), readyState CLOSED (the browser's
// only signal of an HTTP failure), a constructor exception, or the in-page timeout.
// sink: an array to append to (Node only: what arrived stays visible to the watchdog).
export function collectEventSource({ url, names, timeoutMs, sink }, ES = globalThis.EventSource) {
  return new Promise((resolve) => {
    const events = Array.isArray(sink) ? sink : [];
    let es = null;
    let timer = null;
    let done = false;
    const finish = (raised) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        if (es) es.close();
      } catch {
        // closing is best effort
      }
      resolve({ events, raised });
    };
    const onEvent = (ev) => {
      events.push({ type: ev.type, data: ev.data, id: typeof ev.lastEventId === 'string' ? ev.lastEventId : '' });
    };
    timer = setTimeout(() => finish(`EventSource timeout after ${timeoutMs} ms`), timeoutMs);
    try {
      es = new ES(url);
    } catch (e) {
      finish(String((e && e.message) || e));
      return;
    }
    for (const name of names) if (name !== 'error') es.addEventListener(name, onEvent);
    es.addEventListener('error', (ev) => {
      // A server's `event: error` is a MessageEvent on the same listener: an event, not an end.
      if (typeof ev.data === 'string') {
        onEvent(ev);
        return;
      }
      if (typeof ev.message === 'string' && ev.message !== '') finish(ev.message);
      else if (es.readyState === 2) finish('EventSource failed: readyState CLOSED');
      else finish(null);
    });
  });
}

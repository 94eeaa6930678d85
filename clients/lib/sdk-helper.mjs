// SDK adapters of form (a) around an SDK's own accumulating helper (openai's
// chat.completions.stream() and responses.stream(), @anthropic-ai/sdk's messages.stream()): the
// helper is opened, each object it emits on `eventName` counted as an event, and the final object
// it resolves to mapped into a result document. An exception becomes raised, with the events
// counted so far.
import { main } from './adapter.mjs';
import { oneLine, resultDocument } from './output.mjs';

// open(req) -> the helper stream of a fresh SDK client; final(stream) -> a promise of its final
// object; toResult(final) -> { choices, usage } of the result document.
export async function sdkHelperAdapter({ script, impl, dialect, open, eventName, final, toResult }) {
  const partial = (log, raised) => resultDocument(impl, { events: log.events ?? 0, raised });

  async function run(req, log) {
    log.events = 0;
    if (req.dialect !== dialect) return partial(log, `unsupported dialect for ${script}: ${req.dialect}`);
    try {
      const stream = open(req);
      stream.on(eventName, () => {
        log.events += 1;
      });
      const result = toResult(await final(stream));
      return resultDocument(impl, { events: log.events, ...result });
    } catch (err) {
      return partial(log, oneLine(err));
    }
  }

  await main({ usage: `${script} BASE_URL DIALECT`, args: ['base_url', 'dialect'], run, partial });
}

// SDK adapters of form (b) (CONTRACT.md): the raw iteration of an SDK's streaming call, every
// object it yields logged as one event, data = JSON of the object; the harness decodes the log
// with its reference decoder. For chat chunks type is "message"; for Responses and Messages events
// it is the object's own `type`. An exception ends the log and becomes raised.
import { main } from './adapter.mjs';
import { eventLog, oneLine } from './output.mjs';

// open(req) -> a promise of the SDK's async iterable for that run; dialects: what it speaks.
// toData(obj) -> the JSON text logged for one yielded object (default JSON.stringify).
export async function sdkEventAdapter({ script, impl, dialects, open, toData = JSON.stringify }) {
  const partial = (log, raised) => eventLog(impl, log.events ?? [], raised);

  async function run(req, log) {
    const events = (log.events = []);
    if (!dialects.includes(req.dialect)) return partial(log, `unsupported dialect for ${script}: ${req.dialect}`);
    const typed = req.dialect !== 'openai-chat';
    try {
      for await (const obj of await open(req)) {
        events.push({ type: typed ? String(obj?.type ?? 'message') : 'message', data: toData(obj), id: '' });
      }
      return partial(log, null);
    } catch (err) {
      return partial(log, oneLine(err));
    }
  }

  await main({ usage: `${script} BASE_URL DIALECT`, args: ['base_url', 'dialect'], run, partial });
}

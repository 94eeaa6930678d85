// node clients/openai-create.mjs {base_url} {dialect}      (or --persistent: lib/adapter.mjs)
// Official openai SDK, raw iteration of a streaming create():
//   openai-chat:      chat.completions.create({stream: true}); type "message", data = JSON of the chunk
//   openai-responses: responses.create({stream: true});        type = event.type, data = JSON of the event
// Prints form (b), an event log; an exception ends the log and becomes raised.
import OpenAI from 'openai';
import { main } from './lib/adapter.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';

const IMPL = `openai@${pkgVersion('openai')}`;
const partial = (log, raised) => eventLog(IMPL, log.events ?? [], raised);

async function run({ base_url: baseURL, dialect }, log) {
  const events = (log.events = []);
  try {
    const client = new OpenAI({ ...SDK_OPTIONS, baseURL });
    if (dialect === 'openai-chat') {
      const stream = await client.chat.completions.create({ model: MODEL, messages: [...MESSAGES], stream: true });
      for await (const chunk of stream) events.push({ type: 'message', data: JSON.stringify(chunk), id: '' });
    } else if (dialect === 'openai-responses') {
      const stream = await client.responses.create({ model: MODEL, input: 'hi', stream: true });
      for await (const event of stream) events.push({ type: String(event?.type ?? 'message'), data: JSON.stringify(event), id: '' });
    } else {
      return partial(log, `unsupported dialect for openai-create: ${dialect}`);
    }
    return partial(log, null);
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

await main({ usage: 'openai-create.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

// node clients/anthropic-stream.mjs {base_url} {dialect}   (or --persistent: lib/adapter.mjs)
// Official @anthropic-ai/sdk, raw iteration of messages.create({stream: true}) (the SDK appends
// /v1/messages itself: baseURL is {base_url} without its trailing /v1).
// Prints form (b), an event log: type = event.type, data = JSON of the event.
import Anthropic from '@anthropic-ai/sdk';
import { main } from './lib/adapter.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { eventLog, oneLine, pkgVersion } from './lib/output.mjs';

const IMPL = `@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')}`;
const partial = (log, raised) => eventLog(IMPL, log.events ?? [], raised);

async function run({ base_url: baseUrl, dialect }, log) {
  const events = (log.events = []);
  if (dialect !== 'anthropic-messages') return partial(log, `unsupported dialect for anthropic-stream: ${dialect}`);
  try {
    const client = new Anthropic({ ...SDK_OPTIONS, baseURL: baseUrl.replace(/\/v1\/?$/, '') });
    const stream = await client.messages.create({ model: MODEL, max_tokens: 64, messages: [...MESSAGES], stream: true });
    for await (const event of stream) events.push({ type: String(event?.type ?? 'message'), data: JSON.stringify(event), id: '' });
    return partial(log, null);
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

await main({ usage: 'anthropic-stream.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

// node clients/anthropic-stream.mjs {base_url} {dialect}
// Official @anthropic-ai/sdk, raw iteration of messages.create({stream: true}) (the SDK appends
// /v1/messages itself: baseURL is {base_url} without its trailing /v1).
// Prints form (b), an event log: type = event.type, data = JSON of the event.
import Anthropic from '@anthropic-ai/sdk';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { eventLog, oneLine, pkgVersion, printDocument, requireArgs, startWatchdog } from './lib/output.mjs';

const IMPL = `@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')}`;
const events = [];
const makeDoc = (raised) => eventLog(IMPL, events, raised);

startWatchdog(makeDoc);
const args = requireArgs(2, 'anthropic-stream.mjs BASE_URL DIALECT', makeDoc);
if (args) printDocument(makeDoc(await run(args[0], args[1])));

async function run(baseUrl, dialect) {
  if (dialect !== 'anthropic-messages') return `unsupported dialect for anthropic-stream: ${dialect}`;
  try {
    const client = new Anthropic({ ...SDK_OPTIONS, baseURL: baseUrl.replace(/\/v1\/?$/, '') });
    const stream = await client.messages.create({ model: MODEL, max_tokens: 64, messages: [...MESSAGES], stream: true });
    for await (const event of stream) events.push({ type: String(event?.type ?? 'message'), data: JSON.stringify(event), id: '' });
    return null;
  } catch (err) {
    return oneLine(err);
  }
}

// node clients/anthropic-message-stream.mjs {base_url} {dialect}  (or --persistent: lib/adapter.mjs)
// Official @anthropic-ai/sdk's accumulating helper: messages.stream() then finalMessage() (the
// SDK appends /v1/messages itself: baseURL is {base_url} without its trailing /v1).
// anthropic-messages only. Prints form (a), a result document built from the final Message:
// text and thinking blocks joined, one tool call per tool_use / server_tool_use / mcp_tool_use
// block (arguments: JSON.stringify of its input); events = stream events seen ('streamEvent').
import Anthropic from '@anthropic-ai/sdk';
import { main } from './lib/adapter.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { oneLine, pkgVersion, resultDocument } from './lib/output.mjs';
import { choices, usage } from './lib/result.mjs';

const IMPL = `@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')} messages.stream`;
const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);
const partial = (log, raised) => resultDocument(IMPL, { events: log.events ?? 0, raised });

async function run({ base_url: baseUrl, dialect }, log) {
  log.events = 0;
  if (dialect !== 'anthropic-messages') return partial(log, `unsupported dialect for anthropic-message-stream: ${dialect}`);
  try {
    const client = new Anthropic({ ...SDK_OPTIONS, baseURL: baseUrl.replace(/\/v1\/?$/, '') });
    const stream = client.messages.stream({ model: MODEL, max_tokens: 64, messages: [...MESSAGES] });
    stream.on('streamEvent', () => {
      log.events += 1;
    });
    const message = await stream.finalMessage();
    return resultDocument(IMPL, { events: log.events, choices: mapChoices(message), usage: mapUsage(message.usage) });
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

function mapChoices(message) {
  const blocks = Array.isArray(message?.content) ? message.content : [];
  const texts = (type, key) => blocks.filter((b) => b?.type === type).map((b) => (typeof b[key] === 'string' ? b[key] : '')).join('');
  return choices([
    {
      index: 0,
      role: message?.role,
      text: texts('text', 'text'),
      reasoning: texts('thinking', 'thinking'),
      finishReason: message?.stop_reason,
      toolCalls: blocks
        .filter((b) => TOOL_BLOCKS.has(b?.type))
        .map((b, i) => ({ index: i, id: b.id, type: b.type, name: b.name, args: emptyObject(b.input) ? '' : b.input })),
    },
  ]);
}

// An input of {} (the block's start value, no input_json_delta) shows as "" like the harness's
// reference decoder; any other input as its JSON text.
const emptyObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;

function mapUsage(u) {
  if (u === null || u === undefined || typeof u !== 'object') return null;
  return usage({ prompt: u.input_tokens, completion: u.output_tokens });
}

// Last: the top-level await must not run before the helpers above are initialised.
await main({ usage: 'anthropic-message-stream.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

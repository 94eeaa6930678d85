// node clients/anthropic-message-stream.mjs {base_url} {dialect}  (or --persistent: lib/adapter.mjs)
// Official @anthropic-ai/sdk's accumulating helper: messages.stream() then finalMessage() (the
// SDK appends /v1/messages itself: baseURL is {base_url} without its trailing /v1).
// anthropic-messages only. Prints form (a), a result document built from the final Message:
// text and thinking blocks joined, one tool call per tool_use / server_tool_use / mcp_tool_use
// block (arguments: JSON.stringify of its input); events = stream events seen ('streamEvent').
import Anthropic from '@anthropic-ai/sdk';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { pkgVersion } from './lib/output.mjs';
import { choices, usage } from './lib/result.mjs';
import { sdkHelperAdapter } from './lib/sdk-helper.mjs';

const TOOL_BLOCKS = new Set(['tool_use', 'server_tool_use', 'mcp_tool_use']);

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
await sdkHelperAdapter({
  script: 'anthropic-message-stream.mjs',
  impl: `@anthropic-ai/sdk@${pkgVersion('@anthropic-ai/sdk')} messages.stream`,
  dialect: 'anthropic-messages',
  open: ({ base_url: baseUrl }) =>
    new Anthropic({ ...SDK_OPTIONS, baseURL: baseUrl.replace(/\/v1\/?$/, '') }).messages.stream({ model: MODEL, max_tokens: 64, messages: [...MESSAGES] }),
  eventName: 'streamEvent',
  final: (stream) => stream.finalMessage(),
  toResult: (message) => ({ choices: mapChoices(message), usage: mapUsage(message.usage) }),
});

// node clients/openai-responses-stream.mjs {base_url} {dialect}  (or --persistent: lib/adapter.mjs)
// Official openai SDK's accumulating helper for the Responses API: responses.stream() then
// finalResponse(). openai-responses only. Prints form (a), a result document built from the final
// Response: output_text and refusal parts of message items, reasoning summaries and texts, one tool
// call per function_call item, status as finish_reason; events = events seen ('event').
import OpenAI from 'openai';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { pkgVersion } from './lib/output.mjs';
import { choices, str, usage } from './lib/result.mjs';
import { sdkHelperAdapter } from './lib/sdk-helper.mjs';

function mapChoices(response) {
  const items = Array.isArray(response?.output) ? response.output : [];
  let role = null;
  let text = '';
  let refusal = '';
  let reasoning = '';
  const toolCalls = [];
  for (const item of items) {
    if (item?.type === 'message') {
      role ??= typeof item.role === 'string' ? item.role : 'assistant';
      for (const part of Array.isArray(item.content) ? item.content : []) {
        if (part?.type === 'output_text') text += str(part.text);
        else if (part?.type === 'refusal') refusal += str(part.refusal);
      }
    } else if (item?.type === 'function_call') {
      toolCalls.push({ index: toolCalls.length, id: item.call_id, type: 'function', name: item.name, args: str(item.arguments) });
    } else if (item?.type === 'reasoning') {
      for (const part of [...(item.summary ?? []), ...(item.content ?? [])]) reasoning += str(part?.text);
    }
  }
  return choices([{ index: 0, role, text, reasoning, refusal, finishReason: response?.status, toolCalls }]);
}

function mapUsage(u) {
  if (u === null || u === undefined || typeof u !== 'object') return null;
  return usage({
    prompt: u.input_tokens,
    completion: u.output_tokens,
    total: u.total_tokens,
    reasoning: u.output_tokens_details?.reasoning_tokens,
  });
}

// Last: the top-level await must not run before the helpers above are initialised.
await sdkHelperAdapter({
  script: 'openai-responses-stream.mjs',
  impl: `openai@${pkgVersion('openai')} responses.stream`,
  dialect: 'openai-responses',
  open: ({ base_url: baseURL }) => new OpenAI({ ...SDK_OPTIONS, baseURL }).responses.stream({ model: MODEL, input: 'hi' }),
  eventName: 'event',
  final: (stream) => stream.finalResponse(),
  toResult: (response) => ({ choices: mapChoices(response), usage: mapUsage(response.usage) }),
});

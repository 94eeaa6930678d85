// node clients/openai-responses-stream.mjs {base_url} {dialect}  (or --persistent: lib/adapter.mjs)
// Official openai SDK's accumulating helper for the Responses API: responses.stream() then
// finalResponse(). openai-responses only. Prints form (a), a result document built from the final
// Response: output_text and refusal parts of message items, reasoning summaries and texts, one tool
// call per function_call item, status as finish_reason; events = events seen ('event').
import OpenAI from 'openai';
import { main } from './lib/adapter.mjs';
import { MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { oneLine, pkgVersion, resultDocument } from './lib/output.mjs';
import { choices, str, usage } from './lib/result.mjs';

const IMPL = `openai@${pkgVersion('openai')} responses.stream`;
const partial = (log, raised) => resultDocument(IMPL, { events: log.events ?? 0, raised });

async function run({ base_url: baseURL, dialect }, log) {
  log.events = 0;
  if (dialect !== 'openai-responses') return partial(log, `unsupported dialect for openai-responses-stream: ${dialect}`);
  try {
    const client = new OpenAI({ ...SDK_OPTIONS, baseURL });
    const stream = client.responses.stream({ model: MODEL, input: 'hi' });
    stream.on('event', () => {
      log.events += 1;
    });
    const response = await stream.finalResponse();
    return resultDocument(IMPL, { events: log.events, choices: mapChoices(response), usage: mapUsage(response.usage) });
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

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
await main({ usage: 'openai-responses-stream.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

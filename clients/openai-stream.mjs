// node clients/openai-stream.mjs {base_url} {dialect}      (or --persistent: lib/adapter.mjs)
// Official openai SDK's accumulating helper: chat.completions.stream() then finalChatCompletion().
// openai-chat only. Prints form (a), a result document built from the final ChatCompletion;
// events = chunks seen through the stream's 'chunk' event.
import OpenAI from 'openai';
import { main } from './lib/adapter.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { oneLine, pkgVersion, resultDocument } from './lib/output.mjs';

const IMPL = `openai@${pkgVersion('openai')} chat.completions.stream`;
const partial = (log, raised) => resultDocument(IMPL, { events: log.chunks ?? 0, raised });

async function run({ base_url: baseURL, dialect }, log) {
  log.chunks = 0;
  if (dialect !== 'openai-chat') return partial(log, `unsupported dialect for openai-stream: ${dialect}`);
  try {
    const client = new OpenAI({ ...SDK_OPTIONS, baseURL });
    const stream = client.chat.completions.stream({ model: MODEL, messages: [...MESSAGES], stream: true });
    stream.on('chunk', () => {
      log.chunks += 1;
    });
    const completion = await stream.finalChatCompletion();
    return resultDocument(IMPL, { events: log.chunks, choices: mapChoices(completion), usage: mapUsage(completion.usage) });
  } catch (err) {
    return partial(log, oneLine(err));
  }
}

const str = (v) => (typeof v === 'string' ? v : '');
const strOrNull = (v) => (typeof v === 'string' ? v : null);
const intOrNull = (v) => (Number.isInteger(v) && v >= 0 ? v : null);

function mapChoices(completion) {
  const choices = Array.isArray(completion?.choices) ? completion.choices : [];
  return choices
    .map((c, i) => {
      const m = c?.message ?? {};
      const reasoning = typeof m.reasoning_content === 'string' ? m.reasoning_content : str(m.reasoning);
      const toolCalls = Array.isArray(m.tool_calls) ? m.tool_calls : [];
      return {
        index: Number.isInteger(c?.index) && c.index >= 0 ? c.index : i,
        role: strOrNull(m.role),
        text: str(m.content),
        reasoning,
        refusal: str(m.refusal),
        finish_reason: strOrNull(c?.finish_reason) || null,
        tool_calls: toolCalls.map((tc, j) => ({
          index: Number.isInteger(tc?.index) && tc.index >= 0 ? tc.index : j,
          id: strOrNull(tc?.id),
          type: strOrNull(tc?.type),
          name: strOrNull(tc?.function?.name),
          arguments: str(tc?.function?.arguments),
        })),
      };
    })
    .sort((a, b) => a.index - b.index);
}

function mapUsage(u) {
  if (u === null || u === undefined || typeof u !== 'object') return null;
  return {
    prompt_tokens: intOrNull(u.prompt_tokens),
    completion_tokens: intOrNull(u.completion_tokens),
    total_tokens: intOrNull(u.total_tokens),
    reasoning_tokens: intOrNull(u.completion_tokens_details?.reasoning_tokens),
  };
}

// Last: the top-level await must not run before the helpers above are initialised.
await main({ usage: 'openai-stream.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

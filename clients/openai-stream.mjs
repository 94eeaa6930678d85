// node clients/openai-stream.mjs {base_url} {dialect}      (or --persistent: lib/adapter.mjs)
// Official openai SDK's accumulating helper: chat.completions.stream() then finalChatCompletion().
// openai-chat only. Prints form (a), a result document built from the final ChatCompletion;
// events = chunks seen through the stream's 'chunk' event.
import OpenAI from 'openai';
import { main } from './lib/adapter.mjs';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { oneLine, pkgVersion, resultDocument } from './lib/output.mjs';
import { choices, str, usage } from './lib/result.mjs';

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

function mapChoices(completion) {
  const list = Array.isArray(completion?.choices) ? completion.choices : [];
  return choices(
    list.map((c) => {
      const m = c?.message ?? {};
      return {
        index: c?.index,
        role: m.role,
        text: m.content,
        reasoning: typeof m.reasoning_content === 'string' ? m.reasoning_content : m.reasoning,
        refusal: m.refusal,
        finishReason: c?.finish_reason,
        toolCalls: (Array.isArray(m.tool_calls) ? m.tool_calls : []).map((tc) => ({
          index: tc?.index,
          id: tc?.id,
          type: tc?.type,
          name: tc?.function?.name,
          args: str(tc?.function?.arguments),
        })),
      };
    }),
  );
}

function mapUsage(u) {
  if (u === null || u === undefined || typeof u !== 'object') return null;
  return usage({
    prompt: u.prompt_tokens,
    completion: u.completion_tokens,
    total: u.total_tokens,
    reasoning: u.completion_tokens_details?.reasoning_tokens,
  });
}

// Last: the top-level await must not run before the helpers above are initialised.
await main({ usage: 'openai-stream.mjs BASE_URL DIALECT', args: ['base_url', 'dialect'], run, partial });

// node clients/openai-stream.mjs {base_url} {dialect}
// Official openai SDK's accumulating helper: chat.completions.stream() then finalChatCompletion().
// openai-chat only. Prints form (a), a result document built from the final ChatCompletion;
// events = chunks seen through the stream's 'chunk' event.
import OpenAI from 'openai';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { oneLine, pkgVersion, printDocument, requireArgs, resultDocument, startWatchdog } from './lib/output.mjs';

const IMPL = `openai@${pkgVersion('openai')} chat.completions.stream`;
let chunks = 0;
const makeDoc = (raised) => resultDocument(IMPL, { events: chunks, raised });

startWatchdog(makeDoc);
const args = requireArgs(2, 'openai-stream.mjs BASE_URL DIALECT', makeDoc);

async function run(baseURL, dialect) {
  if (dialect !== 'openai-chat') return makeDoc(`unsupported dialect for openai-stream: ${dialect}`);
  try {
    const client = new OpenAI({ ...SDK_OPTIONS, baseURL });
    const stream = client.chat.completions.stream({ model: MODEL, messages: [...MESSAGES], stream: true });
    stream.on('chunk', () => {
      chunks += 1;
    });
    const completion = await stream.finalChatCompletion();
    return resultDocument(IMPL, { events: chunks, choices: mapChoices(completion), usage: mapUsage(completion.usage) });
  } catch (err) {
    return makeDoc(oneLine(err));
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
if (args) printDocument(await run(args[0], args[1]));

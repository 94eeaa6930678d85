// node clients/openai-stream.mjs {base_url} {dialect}      (or --persistent: lib/adapter.mjs)
// Official openai SDK's accumulating helper: chat.completions.stream() then finalChatCompletion().
// openai-chat only. Prints form (a), a result document built from the final ChatCompletion;
// events = chunks seen through the stream's 'chunk' event.
import OpenAI from 'openai';
import { MESSAGES, MODEL, SDK_OPTIONS } from './lib/request.mjs';
import { pkgVersion } from './lib/output.mjs';
import { choices, str, usage } from './lib/result.mjs';
import { sdkHelperAdapter } from './lib/sdk-helper.mjs';

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
await sdkHelperAdapter({
  script: 'openai-stream.mjs',
  impl: `openai@${pkgVersion('openai')} chat.completions.stream`,
  dialect: 'openai-chat',
  open: ({ base_url: baseURL }) =>
    new OpenAI({ ...SDK_OPTIONS, baseURL }).chat.completions.stream({ model: MODEL, messages: [...MESSAGES], stream: true }),
  eventName: 'chunk',
  final: (stream) => stream.finalChatCompletion(),
  toResult: (completion) => ({ choices: mapChoices(completion), usage: mapUsage(completion.usage) }),
});

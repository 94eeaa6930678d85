// The Vercel AI SDK (`ai`) adapters: streamText() with a provider's model, the whole fullStream
// consumed, then what the result exposes once the stream is done (form (a), CONTRACT.md):
//   text          result.text             reasoning  result.reasoningText
//   finish_reason result.rawFinishReason  (the provider's own string; result.finishReason is the
//                 SDK's unified one: "tool-calls", "other", ...)
//   tool_calls    result.toolCalls: toolCallId, toolName, and as arguments the text the stream's
//                 'tool-input-delta' parts carried for that call (the input as streamed), else
//                 JSON of the parsed input; index = position; type null (the SDK has none)
//   role          "assistant": the role of the SDK's response messages (it exposes no other)
//   usage         result.totalUsage (inputTokens, outputTokens, totalTokens,
//                 outputTokenDetails.reasoningTokens); null when all three counters are undefined
//   raised        the first 'error' part of fullStream (streamText never throws: an HTTP error, a
//                 cut or a provider error event becomes such a part), else a rejected result promise
// One choice at most: the SDK reads choice 0 only. maxRetries 0 and a 20 s abort signal.
import { streamText } from 'ai';
import { main } from './adapter.mjs';
import { oneLine, resultDocument } from './output.mjs';
import { CLIENT_TIMEOUT_MS, MESSAGES } from './request.mjs';
import { choice, usage } from './result.mjs';

// The SDK's compatibility warnings ("model test is unknown") are noise here.
globalThis.AI_SDK_LOG_WARNINGS = false;

// makeModel(req) -> a LanguageModel for that run, or a string: why the dialect is not handled.
export async function aiSdkAdapter({ script, impl, makeModel }) {
  const partial = (log, raised) => resultDocument(impl, { events: log.parts ?? 0, raised });

  async function run(req, log) {
    log.parts = 0;
    const model = makeModel(req);
    if (typeof model === 'string') return partial(log, model);
    const result = streamText({
      model,
      messages: [...MESSAGES],
      maxOutputTokens: 64,
      maxRetries: 0,
      onError: () => {}, // errors are read from fullStream below; the default logs them
      abortSignal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    let raised = null;
    const toolInput = new Map(); // toolCallId -> the input text streamed so far
    for await (const part of result.fullStream) {
      log.parts += 1;
      if (part.type === 'error' && raised === null) raised = oneLine(part.error);
      else if (part.type === 'tool-input-delta') toolInput.set(part.id, (toolInput.get(part.id) ?? '') + part.delta);
    }
    try {
      const [text, reasoning, finishReason, toolCalls, total] = await Promise.all([
        result.text,
        result.reasoningText,
        result.rawFinishReason,
        result.toolCalls,
        result.totalUsage,
      ]);
      const c = choice({
        role: 'assistant',
        text,
        reasoning,
        finishReason,
        toolCalls: toolCalls.map((tc, i) => ({
          index: i,
          id: tc.toolCallId,
          type: null,
          name: tc.toolName,
          args: toolInput.get(tc.toolCallId) ?? tc.input,
        })),
      });
      return resultDocument(impl, { events: log.parts, choices: [c], usage: mapUsage(total), raised });
    } catch (err) {
      return partial(log, raised ?? oneLine(err));
    }
  }

  await main({ usage: `${script} BASE_URL DIALECT`, args: ['base_url', 'dialect'], run, partial });
}

function mapUsage(u) {
  if (!u || (u.inputTokens === undefined && u.outputTokens === undefined && u.totalTokens === undefined)) return null;
  return usage({
    prompt: u.inputTokens,
    completion: u.outputTokens,
    total: u.totalTokens,
    reasoning: u.outputTokenDetails?.reasoningTokens ?? u.reasoningTokens,
  });
}

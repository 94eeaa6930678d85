// The LangChain adapters: chatModel.stream(messages), every AIMessageChunk concatenated with
// chunk.concat() (how LangChain's docs accumulate a stream), then what the final chunk exposes
// (form (a), CONTRACT.md):
//   text          message.text (the text content blocks, joined)
//   reasoning     the `reasoning` standard content blocks of message.contentBlocks, joined, else
//                 additional_kwargs.reasoning_content (where ChatOpenAI keeps delta.reasoning_content)
//   refusal       additional_kwargs.refusal (the Responses API's refusal; chat deltas' is dropped)
//   tool_calls    message.tool_call_chunks (merged by index): index, id, name, and args, the
//                 arguments text as streamed; type null (LangChain's own is "tool_call_chunk")
//   finish_reason response_metadata.finish_reason (OpenAI chat), additional_kwargs.stop_reason
//                 (Anthropic), or response_metadata.status (Responses API: the response's status)
//   role          "assistant" (an AIMessageChunk)
//   usage         message.usage_metadata (input_tokens, output_tokens, total_tokens,
//                 output_token_details.reasoning); null when absent
//   raised        what the stream threw (chunks already concatenated are then not reported: the
//                 caller gets the exception)
// One choice: LangChain reads choice 0 only. The model is built with maxRetries 0 and a timeout.
import { main } from './adapter.mjs';
import { oneLine, resultDocument } from './output.mjs';
import { MESSAGES } from './request.mjs';
import { choice, usage } from './result.mjs';

// makeModel(req) -> a chat model for that run, or a string: why the dialect is not handled.
export async function langchainAdapter({ script, impl, makeModel }) {
  const partial = (log, raised) => resultDocument(impl, { events: log.chunks ?? 0, raised });

  async function run(req, log) {
    log.chunks = 0;
    const model = makeModel(req);
    if (typeof model === 'string') return partial(log, model);
    let message = null;
    try {
      for await (const chunk of await model.stream([...MESSAGES])) {
        log.chunks += 1;
        message = message === null ? chunk : message.concat(chunk);
      }
    } catch (err) {
      return partial(log, oneLine(err));
    }
    if (message === null) return resultDocument(impl, { events: 0 });
    return resultDocument(impl, { events: log.chunks, choices: [mapChoice(message)], usage: mapUsage(message.usage_metadata) });
  }

  await main({ usage: `${script} BASE_URL DIALECT`, args: ['base_url', 'dialect'], run, partial });
}

function mapChoice(m) {
  const meta = m.response_metadata ?? {};
  const extra = m.additional_kwargs ?? {};
  const blocks = Array.isArray(m.contentBlocks) ? m.contentBlocks : [];
  const reasoningBlocks = blocks.filter((b) => b?.type === 'reasoning' && typeof b.reasoning === 'string');
  return choice({
    role: 'assistant',
    text: m.text,
    reasoning: reasoningBlocks.length ? reasoningBlocks.map((b) => b.reasoning).join('') : extra.reasoning_content,
    refusal: extra.refusal,
    finishReason: meta.finish_reason ?? extra.stop_reason ?? meta.status,
    toolCalls: (m.tool_call_chunks ?? []).map((tc, i) => ({
      index: tc.index ?? i,
      id: tc.id,
      type: null,
      name: tc.name,
      args: tc.args ?? '',
    })),
  });
}

function mapUsage(u) {
  if (!u) return null;
  return usage({
    prompt: u.input_tokens,
    completion: u.output_tokens,
    total: u.total_tokens,
    reasoning: u.output_token_details?.reasoning,
  });
}

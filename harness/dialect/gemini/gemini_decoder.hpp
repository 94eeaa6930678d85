#pragma once
// The Gemini API decoder (dialect "gemini": `models/{model}:streamGenerateContent?alt=sse`);
// dialect::make_gemini_decoder() (dialect/decoder.hpp) makes one. Every event's data is one whole
// GenerateContentResponse; the decoder concatenates what the chunks carry, as @google/genai's
// callers and @ai-sdk/google do, and reports where a stream departs from the documented response.
//
// Per event (findings carry the event's data_offset and index):
//   - every event counts in `events`; the SSE `event:` type is not looked at (Gemini sends none);
//   - the data must be a JSON object (json.invalid / json.not-object, event skipped);
//   - a non-null top-level "error" (Gemini's {"error": {"code", "message", "status"}}): a
//     StreamError (source "payload", the error's message) and error.payload; nothing else of that
//     payload is read;
//   - "candidates": an array of candidates, each applied as dialect/gemini/candidates.hpp says;
//   - "promptFeedback" with a string "blockReason": gemini.prompt-blocked; the prompt was refused
//     and the stream is complete without candidates;
//   - "usageMetadata": the usage, replaced whole by each chunk that has one (the API sends it
//     cumulatively; clients keep the last one):
//       promptTokenCount -> prompt_tokens, candidatesTokenCount -> completion_tokens (thoughts are
//       not in it, unlike OpenAI's completion_tokens), totalTokenCount -> total_tokens,
//       thoughtsTokenCount -> reasoning_tokens; counters that are not integers stay empty. A
//       counter lower than in the previous usageMetadata is usage.decreased; a totalTokenCount that
//       is not promptTokenCount + candidatesTokenCount + thoughtsTokenCount +
//       toolUsePromptTokenCount (absent ones count 0) is usage.total-mismatch;
//   - a field of these of the wrong JSON type: gemini.malformed-chunk, the field ignored;
//   - none of the four fields: gemini.unknown-chunk, ignored.
// Gemini has no end marker: the stream is `done` when the prompt was blocked, or when at least one
// candidate came and every candidate sent a finishReason. At the end of the stream, each candidate
// without a finishReason gets gemini.finish-reason-missing, then usage.missing (a JSON object came
// and no usageMetadata) and done.missing, all at the last event (offset 0, event 0 without any).
// Payloads are read as a DOM through the shape memo (dialect/common/document_memo.hpp), which gives
// exactly the document a full parse gives. Memory: the memo's few documents; the result grows with
// the text only.
#include <memory>

#include "dialect/decoder.hpp"

namespace harness::gemini {

/// The decoder with a memo of `memo_shapes` shapes (0: off, every payload fully parsed); results
/// are identical either way. dialect::make_gemini_decoder() uses DocumentMemo::kDefaultShapes.
std::unique_ptr<dialect::MemoDecoder> make_gemini_decoder(unsigned memo_shapes);

} // namespace harness::gemini

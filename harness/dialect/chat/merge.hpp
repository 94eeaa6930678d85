#pragma once
// Merging one decoded payload into the stream's result: what a careful client shows, and what the
// chunk says about the producer. Findings get the event's data_offset and index.
//
//   error          a StreamError (source "payload") and error.payload; the rest still merges
//   type notes     one chat.unexpected-type each
//   big integers   one json.integer-precision per payload (the first value and how many more)
//   header         object other than "chat.completion.chunk" (absent, null, not a string, "") is
//                  chat.object-not-chunk, except in a payload that reports an error (that is no
//                  chunk, and error.payload already says so); a non-empty id other than the first
//                  non-empty one is chat.id-changed, a non-empty model other than the first
//                  non-empty one chat.model-changed, a created below the largest earlier one
//                  chat.created-backwards — each on every chunk where it holds
//   choices        found or created by index (absent = 0), kept ordered by index
//     delta        the first chunk with a delta object for a choice must carry a non-empty role,
//                  else chat.first-delta-without-role (once per choice)
//     after finish non-empty content, refusal or reasoning, or a tool call with a non-empty id,
//                  name or arguments, for a choice whose finish_reason came in an earlier chunk:
//                  chat.content-after-finish (still merged)
//     role         the first one is kept; the same role again is not concatenated; a different one
//                  is chat.role-changed
//     content, refusal                   concatenated
//     reasoning_content / reasoning      concatenated into `reasoning`; when one delta has both,
//                  an empty one defers to the other, equal ones count once, and different ones keep
//                  reasoning_content with chat.reasoning-conflict (vLLM-style servers send both)
//     tool_calls   merged by index (absent: the entry's position, with chat.tool-call-without-index);
//                  id, type and function.name set once — "" is ignored (Alibaba repeats id ""), the
//                  same value is not concatenated, a different one is chat.tool-call-changed;
//                  function.arguments concatenated; tool calls kept ordered by index
//     finish_reason  the first non-empty one; "" means none and is chat.finish-reason-empty (once
//                  per choice: producers that send it send it on every chunk); a value other than
//                  stop, length, tool_calls, content_filter, function_call is
//                  chat.finish-reason-unknown (each time); any later non-empty one is
//                  chat.finish-reason-repeated
//   usage          an object replaces the stored usage, after three checks against it:
//                  input_tokens / output_tokens beside prompt_tokens / completion_tokens with
//                  other values: usage.counters-disagree; prompt, completion and total all present
//                  and total neither prompt + completion nor that + reasoning_tokens:
//                  usage.total-mismatch; a counter below the same counter of the previous usage
//                  object: usage.decreased (one finding per object for each of the three)
//                  null after a stored usage keeps it and is usage.null-after-usage
// What happens at the end of the stream is in stream_end.hpp.
//
// Skipping header comparisons on memo hits (speed only; memo_serial and header_as_stored in
// decoded_chunk.hpp): the object, id and model checks compare every chunk's header strings, a tenth
// of the decoder's time when done on each of the thousands of chunks that repeat them. When a
// remembered shape's stored payload gave no header finding, a later hit whose header holes are
// byte-identical (header_as_stored) has the very same values, and the same checks give the same
// answer: the object check depends on the value alone; the id check on the value and the first
// non-empty id, which is fixed once set — and a non-empty stored id was compared with it (or set
// it) when no finding came, so it still equals it; an empty id is never compared. Likewise for
// model. So such a chunk skips them. Without the memo (memo_serial 0) every chunk is compared.
#include "core/stream_result.hpp"
#include "dialect/chat/decoded_chunk.hpp"
#include "dialect/chat/stream_state.hpp"
#include "sse/parser.hpp"

namespace harness::chat {

void merge_chunk(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result,
                 StreamState &state);

} // namespace harness::chat

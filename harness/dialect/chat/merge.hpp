#pragma once
// Merging one decoded payload into the stream's result: what a careful client shows.
//
//   error          a StreamError (source "payload") and chat.stream-error; the rest still merges
//   type notes     one chat.unexpected-type each
//   choices        found or created by index (absent = 0), kept ordered by index
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
//     finish_reason  the first non-empty one; "" means none; any later non-empty one is
//                  chat.finish-reason-repeated
//   usage          an object replaces the stored usage; null after a stored usage keeps it and is
//                  usage.null-after-usage
// Findings get the event's data_offset and index.
#include "core/stream_result.hpp"
#include "dialect/chat/decoded_chunk.hpp"
#include "sse/parser.hpp"

namespace harness::chat {

void merge_chunk(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result);

} // namespace harness::chat

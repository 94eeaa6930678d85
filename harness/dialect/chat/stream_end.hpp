#pragma once
// The chat decoder's checks when the stream ends (ChatDecoder::finish()), in this order:
//   chat.choice-index-gap         the choice indexes are not 0..n-1; once, at the first chunk of
//                                 the first choice out of place
//   per choice, by index:
//     chat.finish-reason-missing  no non-empty finish_reason ever arrived; at the choice's last
//                                 chunk
//     per tool call, by index, at the chunk with its first fragment:
//       chat.tool-call-without-id     never a non-empty id
//       chat.tool-call-without-name   never a non-empty function.name
//       chat.tool-arguments-invalid   the choice's finish_reason is tool_calls and the concatenated
//                                     arguments are not one valid JSON text (RapidJSON with
//                                     json::kParseFlags). An empty string counts as invalid: it is
//                                     no JSON text, JSON.parse and json.loads raise on it, and a
//                                     function without parameters gets "{}" from OpenAI.
//   usage.missing                 no usage object in a stream that had at least one chunk
//   done.missing                  no data: [DONE], also when the stream had no event at all
// The last two are dialect::check_usage_and_done() (dialect/common/stream_end.hpp), as in every
// decoder; they point at the last event the decoder was given (offset 0, event 0 without one).
#include "core/stream_result.hpp"
#include "dialect/chat/stream_state.hpp"

namespace harness::chat {

void check_stream_end(StreamResult &result, const StreamState &state);

} // namespace harness::chat

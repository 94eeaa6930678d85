#pragma once
// The OpenAI `chat.completion.chunk` decoder with its options. harness::dialect::make_chat_decoder()
// (dialect/decoder.hpp) is this decoder with default options; tests and the timing program use the
// options to compare the shape memo on and off.
//
// Rules it applies, per event (findings carry the event's data_offset and index unless noted):
//   - every event counts in `events`; after `[DONE]` an event only gets done.data-after-done;
//   - `event: error`: a StreamError (source "event") and error.event, nothing else;
//   - data exactly `[DONE]`: done;
//   - otherwise the data must be a JSON object (json.invalid at the exact error offset, or
//     json.not-object; the event is then skipped) and is merged as merge.hpp describes;
//   - finish() makes the end-of-stream checks stream_end.hpp lists (done.missing among them).
// Memory grows with the reassembled text and the number of distinct choices/tool calls, never with
// the number of events: payloads are not kept, except the last few shapes the memo remembers.
#include <memory>

#include "dialect/common/memo_stats.hpp"
#include "dialect/decoder.hpp"

namespace harness::chat {

struct ChatDecoderOptions {
  /// How many payload shapes the memo remembers (most recently used first); 0 turns the memo off
  /// and every payload gets the full parse; at most ShapeMemo::kMaxShapes (16) are used. Results
  /// must be identical either way.
  unsigned memo_shapes = 4;
};

class ChatDecoder : public dialect::MemoDecoder {};

std::unique_ptr<ChatDecoder> make_chat_decoder(const ChatDecoderOptions &options);

} // namespace harness::chat

#pragma once
// The Anthropic Messages decoder (dialect "anthropic-messages"); dialect::make_messages_decoder()
// (dialect/decoder.hpp) makes one. It reassembles one choice (index 0) the way the Anthropic SDKs'
// message accumulators do, and reports where a stream departs from the documented event order.
//
// Per event (findings carry the event's data_offset and index):
//   - every event counts in `events`; after message_stop an event only gets done.data-after-done;
//   - `event: error`: a StreamError (source "event", the error's message) and error.event;
//   - `event: ping`: ignored without reading its data, as the SDKs skip it;
//   - otherwise the data must be a JSON object (json.invalid / json.not-object, event skipped);
//   - the event's type is the SSE `event:` type, or the payload's "type" when the block had no
//     `event:` line (captures rebuilt from JSON lines have none); both present and different is
//     messages.event-type-mismatch, and the `event:` type is used;
//   - type `error` from the payload: a StreamError (source "payload") and error.payload;
//   - type `ping` from the payload: ignored;
//   - a field an event needs that is absent or of an unusable JSON type (a content_block_delta
//     without an integer index, a stop_reason that is a number): messages.malformed-event, and the
//     event or the field is ignored;
//   - message_start      the first one sets the choice's role (message.role, else "assistant")
//                        and usage; a later one is messages.start-repeated and ignored
//   - content_block_*    as dialect/messages/content_blocks.hpp describes
//   - message_delta      delta.stop_reason -> finish_reason, kept as Anthropic sends it (end_turn,
//                        max_tokens, stop_sequence, tool_use, pause_turn, refusal; not translated
//                        to OpenAI's names); the first non-empty one is kept, a different later one
//                        is messages.stop-reason-changed
//   - message_stop       the end marker: done. No stop_reason by then is
//                        messages.stop-reason-missing; blocks still open are
//                        messages.block-not-stopped
//   - content_block_*, message_delta and message_stop before any message_start: the first one
//     gets messages.start-missing; they are still applied (the choice then has no role)
//   - any other type (or none): messages.unknown-event, ignored.
// Usage (message_start's message.usage, then each message_delta's usage; counters that are not
// integers are ignored): prompt_tokens = the latest input_tokens (message_delta may repeat or
// revise it: server tools add a second sampling), completion_tokens = the latest output_tokens
// (cumulative; a decrease is usage.decreased), total_tokens and reasoning_tokens stay empty:
// Anthropic sends neither and the decoder does not invent them. Cache counters are not mapped.
// At the end of the stream, in the chat decoder's order: usage.missing when at least one payload
// was a JSON object and no usage object came, then done.missing when message_stop never came;
// both point at the last event (its data_offset and index; 0 and 0 without any).
// Each payload is read as a DOM through the shape memo (dialect/common/document_memo.hpp), which
// gives exactly the document a full parse gives. Memory: the memo's few remembered documents; the
// result grows with the text only.
#include <memory>

#include "dialect/decoder.hpp"

namespace harness::messages {

/// The decoder with a memo of `memo_shapes` shapes (0: off, every payload fully parsed); results
/// are identical either way. dialect::make_messages_decoder() uses DocumentMemo::kDefaultShapes.
std::unique_ptr<dialect::MemoDecoder> make_messages_decoder(unsigned memo_shapes);

} // namespace harness::messages

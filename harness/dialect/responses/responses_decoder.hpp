#pragma once
// The OpenAI Responses API decoder (dialect "openai-responses"); dialect::make_responses_decoder()
// (dialect/decoder.hpp) makes one. It reassembles one choice (index 0) from the semantic
// `response.*` events, as openai-python's ResponseStreamState does, and reports where a stream
// departs from the documented events.
//
// Per event (findings carry the event's data_offset and index):
//   - every event counts in `events`; after the terminal event an event only gets
//     done.data-after-done;
//   - `event: error`: a StreamError (source "event", the error's message) and error.event;
//   - otherwise the data must be a JSON object (json.invalid / json.not-object, event skipped);
//   - an integer sequence_number must be the previous one plus one (responses.sequence-gap); the
//     first may be anything (a resumed stream starts after `starting_after`), and events without
//     one (2025-03 streams) are not checked;
//   - the event's type is the SSE `event:` type, or the payload's "type" when the block had no
//     `event:` line (captures rebuilt from JSON lines have none); both present and different is
//     responses.event-type-mismatch, and the `event:` type is used;
//   - type `error` from the payload: a StreamError (source "payload") and error.payload;
//   - a field an event needs that is absent or of an unusable JSON type (a delta that is not a
//     string, a sequence_number that is not an integer): responses.malformed-event, and the event
//     or the field is ignored;
//   - response.created / in_progress / queued: the response has started; a usage object in it is
//     taken;
//   - output item, content, delta and done events: as dialect/responses/output_items.hpp says;
//     the first of them (or a terminal event) before the response started is
//     responses.start-missing; they are still applied;
//   - response.completed / incomplete / failed: the end marker, done. finish_reason is the
//     response's status string ("completed", "incomplete", "failed"); a status that is absent or
//     differs from the event is responses.status-mismatch (the event's own word is used when the
//     status is not a string). response.failed without response.error is
//     responses.failed-without-error; with one, and no error reported earlier in the stream, it
//     is a StreamError (source "payload") with error.payload (OpenAI sends an error event first,
//     which already reported it);
//   - any other type (or none): responses.unknown-event, ignored.
// The choice exists once any output item, text or terminal event arrived; its role is set by a
// message item (function_call and reasoning items carry no role, so a tool-call-only response
// has none).
// Usage, from the last response object that has one: input_tokens -> prompt_tokens,
// output_tokens -> completion_tokens, total_tokens -> total_tokens,
// output_tokens_details.reasoning_tokens -> reasoning_tokens (counters that are not integers stay
// empty); total_tokens != input_tokens + output_tokens is usage.total-mismatch (reasoning tokens
// are part of output_tokens here).
// At the end of the stream, in the chat decoder's order: usage.missing when at least one payload
// was a JSON object and no usage object came, then done.missing when a terminal event never came;
// both point at the last event (its data_offset and index; 0 and 0 without any).
// Each payload is read as a DOM through the shape memo (dialect/common/document_memo.hpp), which
// gives exactly the document a full parse gives.
#include <memory>

#include "dialect/decoder.hpp"

namespace harness::responses {

/// The decoder with a memo of `memo_shapes` shapes (0: off, every payload fully parsed); results
/// are identical either way. dialect::make_responses_decoder() uses DocumentMemo::kDefaultShapes.
std::unique_ptr<dialect::MemoDecoder> make_responses_decoder(unsigned memo_shapes);

} // namespace harness::responses

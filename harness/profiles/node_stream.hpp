#pragma once
// openai-node 7's transport, shared by its chat and Responses profiles (openai/openai-node,
// src/core/streaming.ts and src/internal/decoders/line.ts, as published in openai 7.60.0 on npm),
// and the APIError wording both Node SDKs share (src/core/error.ts makeMessage).
#include <memory>
#include <string>
#include <string_view>

#include "profiles/json_payload.hpp"
#include "profiles/profile_decoder.hpp"
#include "profiles/sdk_lines.hpp"

namespace harness::profiles {

/// _iterSSEMessages + LineDecoder + SSEDecoder:
///   - lines end at CR, LF or CRLF (iterSSEChunks only groups lines, so it changes nothing);
///   - each line is decoded on its own by a TextDecoder without {stream: true}: a BOM at the start
///     of ANY line is stripped (each decode() call starts a new stream), ill-formed UTF-8 becomes
///     U+FFFD;
///   - a blank line yields an event when `event` is non-empty or a data line was seen; so an
///     `event: ping` block without data yields an event with empty data (which JSON.parse refuses);
///   - fields: event and data only (`id:` and `retry:` are ignored);
///   - at the end of the body LineDecoder.flush() hands over the last unterminated line and
///     SSEDecoder.flush() then dispatches the pending event: a last event without its blank line
///     is kept.
inline constexpr LineRules kNodeLines{
    sse::LineEnds::cr_lf_crlf,          false, LineRules::Text::replace_per_line,
    LineRules::Dispatch::event_or_data, false, false, true};

/// The SDK line parser with kNodeLines.
std::unique_ptr<sse::Parser> make_node_parser(sse::EventSink &sink);

/// APIError.makeMessage(undefined, error, message): error.message (JSON.stringify'd when it is not
/// a string), else JSON.stringify(error) when error is truthy, else `message`, else
/// '(no status code or body)'.
std::string api_error_message(const JsonValue *error, const JsonValue *message);

/// JSON.stringify(text) for a string.
std::string js_string_literal(std::string_view text);

/// A profile decoder that reads its events through openai-node's Stream.fromSSEResponse (legacy
/// mode, what create({stream: true}) and the stream helpers use):
///   - data exactly `[DONE]`: the loop breaks; nothing more is read (set_done, stop_reading);
///   - JSON.parse fails: throws 'Error reading response: malformed server-sent event JSON.';
///   - an event type starting with `thread.`: yields {event, data} (on_item gets that wrapper);
///   - `event: error`: throws APIError(undefined, data?.error ?? data);
///   - a truthy "error" key: throws APIError(undefined, data.error);
///   - anything else: the parsed value goes to on_item.
/// Both errors are also recorded as the producer's error (add_error) with the same message.
class NodeStreamDecoder : public ProfileDecoder {
protected:
  /// What the SDK helper does with one yielded value; it may raise().
  virtual void on_item(const JsonValue &item, const sse::Event &event) = 0;

private:
  void on_sdk_event(const sse::Event &event) final;
};

} // namespace harness::profiles

// Profile "anthropic-sdk-typescript": `client.messages.stream(...)` (a MessageStream) consumed to
// the end, then `await stream.finalMessage()`. Source files (@anthropic-ai/sdk 1.16.0 on npm,
// the anthropics/anthropic-sdk-typescript release of that version, src/):
//   core/streaming.ts       _iterSSEMessages (its own line reader), Stream.fromSSEResponse
//   lib/MessageStream.ts    #addStreamEvent, #accumulateMessage, #endRequest, #getFinalMessage
//   core/error.ts           APIError.makeMessage (the same wording as openai-node's)
// Exceptions thrown by the JavaScript engine itself (JSON.parse, reading a property of undefined)
// carry V8's texts.
#include <optional>
#include <string>

#include "profiles/anthropic_blocks.hpp"
#include "profiles/node_stream.hpp"
#include "profiles/profile_decoder.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

// _iterSSEMessages: the body is decoded as one UTF-8 stream (ill-formed bytes become U+FFFD, the
// decoder keeps a BOM) and a U+FEFF at the start of ANY line is dropped; lines end at CR, LF or
// CRLF; a blank line yields an event when `event` is non-empty or a data line was seen; fields
// event and data only; at the end of the body the last lines are read but no blank line follows
// them, so an unterminated last event is dropped. (Per-line U+FFFD repair stands for the stream
// decoder; they differ only for a broken sequence that a line end cuts.)
constexpr LineRules kAnthropicNodeLines{
    sse::LineEnds::cr_lf_crlf,          false, LineRules::Text::replace_per_line,
    LineRules::Dispatch::event_or_data, false, false, false};

std::unique_ptr<sse::Parser> make_anthropic_node_parser(sse::EventSink &sink) {
  return make_sdk_line_parser(sink, kAnthropicNodeLines);
}

std::string cannot_read(std::string_view what, std::string_view property) {
  return "Cannot read properties of " + std::string(what) + " (reading '" + std::string(property) +
         "')";
}

class AnthropicNodeDecoder final : public ProfileDecoder {
  // Stream.fromSSEResponse.
  void on_sdk_event(const sse::Event &event) override {
    if (event.type == "ping" || event.type.empty())
      return; // `sse.event === null`: a block without `event:` is skipped
    if (event.type == "error") {
      // body = safeJSON(sse.data) ?? sse.data; throw new APIError(undefined, body, ...)
      rapidjson::Document doc;
      std::string message;
      if (!parse_json(event.data, JsonRuntime::v8, doc) && !doc.IsNull())
        message = api_error_message(&doc, nullptr);
      else if (event.data.empty())
        message = "(no status code or body)";
      else
        message = js_string_literal(event.data); // JSON.stringify of the raw string
      add_error(message, event, true);
      raise(std::move(message));
      return;
    }
    if (event.data.empty())
      return; // `if (!sse.data) continue;`
    rapidjson::Document doc;
    if (auto error = parse_json(event.data, JsonRuntime::v8, doc)) {
      raise(std::move(*error)); // rethrown as is
      return;
    }
    if (doc.IsNull()) {
      raise(cannot_read("null", "type"));
      return;
    }
    if (auto error = add_stream_event(doc))
      raise(std::move(*error));
  }

  // #addStreamEvent: #accumulateMessage, then the per-type follow-up.
  std::optional<std::string> add_stream_event(const JsonValue &event) {
    const auto type = string_of(last_member(event, "type")).value_or("");
    if (type == "message_start") {
      if (live_)
        return "Unexpected event order, got message_start before receiving \"message_stop\"";
      const JsonValue *message = last_member(event, "message");
      if (!message || !message->IsObject())
        return std::nullopt; // `if (!messageSnapshot) return;`
      live_ = AnthropicMessage::from_start(*message);
      return std::nullopt;
    }
    if (!live_)
      return std::nullopt; // events before message_start are not accumulated
    AnthropicMessage &s = *live_;
    if (type == "message_stop") {
      // _addMessage(maybeParseMessage(snapshot)): a copy, except the usage object it shares.
      final_ = s;
      set_done();
    } else if (type == "message_delta") {
      const JsonValue *delta = last_member(event, "delta");
      if (!delta || !delta->IsObject())
        return cannot_read("undefined", "stop_reason");
      s.take_stop_reason(*delta); // overwritten, null included
      const JsonValue *usage = last_member(event, "usage");
      if (!usage || !usage->IsObject())
        return cannot_read("undefined", "output_tokens");
      if (!s.has_usage)
        return "Cannot set properties of undefined (setting 'output_tokens')";
      s.take_usage(*usage);
      share_usage();
    } else if (type == "content_block_start") {
      const JsonValue *block = last_member(event, "content_block");
      rapidjson::Value empty(rapidjson::kObjectType);
      s.blocks.append(block && block->IsObject() ? *block : empty); // `{ ...content_block }`
    } else if (type == "content_block_delta") {
      const JsonValue *delta = last_member(event, "delta");
      if (!delta || !delta->IsObject())
        return cannot_read("undefined", "type");
      // `snapshot.content.at(event.index)`: a missing index reads as at(undefined), block 0.
      if (AnthropicBlock *block = s.blocks.at(int_of(last_member(event, "index")).value_or(0)))
        block->apply(*delta);
      // Then `messageSnapshot.content.at(-1)!.type` for every known delta type.
      const auto kind = string_of(last_member(*delta, "type")).value_or("");
      const bool known = kind == "text_delta" || kind == "citations_delta" ||
                         kind == "input_json_delta" || kind == "thinking_delta" ||
                         kind == "signature_delta";
      if (known && !s.blocks.at(-1))
        return cannot_read("undefined", "type");
    }
    return std::nullopt;
  }

  // The usage object of the copy made at message_stop is the live snapshot's.
  void share_usage() {
    if (final_) {
      final_->input_tokens = live_->input_tokens;
      final_->output_tokens = live_->output_tokens;
    }
  }

  // #endRequest, then finalMessage() -> #getFinalMessage.
  void on_end() override {
    if (!live_)
      raise("request ended without sending any chunks");
    else if (!final_)
      raise("stream ended without producing a Message with role=assistant");
  }

  void fill(StreamResult &result) override {
    if (final_)
      final_->fill(result);
    else if (live_)
      live_->fill(result);
  }

  std::optional<AnthropicMessage> live_;  ///< #currentMessageSnapshot: set by message_start, kept
  std::optional<AnthropicMessage> final_; ///< receivedMessages.at(-1)
};

} // namespace

pipeline::Implementation anthropic_node_profile() {
  return {
      "anthropic-sdk-typescript",
      pipeline::Kind::profile,
      "@anthropic-ai/sdk messages.stream() + finalMessage(): events without `event:` skipped, "
      "stop_reason overwritten, throws without message_start or message_stop",
      "anthropics/anthropic-sdk-typescript src/core/streaming.ts (_iterSSEMessages, "
      "Stream.fromSSEResponse); src/lib/MessageStream.ts (#accumulateMessage, #endRequest, "
      "finalMessage); src/core/error.ts (APIError)",
      make_anthropic_node_parser,
      for_dialect<AnthropicNodeDecoder, dialect::kAnthropicMessages>,
      true,

  };
}

} // namespace harness::profiles

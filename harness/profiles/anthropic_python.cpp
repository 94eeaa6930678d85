// Profile "anthropic-sdk-python": `with client.messages.stream(...) as stream:` iterated to the end,
// then stream.get_final_message(). Source files (anthropics/anthropic-sdk-python at
// 009b035305e0724ce108ebd796935f91711fc6e1, src/anthropic/):
//   _streaming.py                 SSEDecoder (the same line rules as openai-python's:
//                                 python_stream.hpp kPythonLines), Stream.__stream__ (which
//                                 events are read, `event: error`)
//   lib/streaming/_messages.py    MessageStream.__stream__, accumulate_event, build_events,
//                                 get_final_message
// Messages of exceptions raised by pydantic's construct()ed models (a required field that was
// absent is an AttributeError when read) and by list indexing are Python's own texts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/anthropic_blocks.hpp"
#include "profiles/python_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

/// Stream.__stream__ hands these SSE event types to the caller (a payload without "type" gets the
/// event type); `completion` (the legacy text completions API) and every other type, including a
/// block without any `event:` line, are skipped silently.
bool yielded(std::string_view type) {
  static constexpr std::string_view kNames[] = {
      "message_start",
      "message_delta",
      "message_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message",
      "user.message",
      "user.interrupt",
      "user.tool_confirmation",
      "user.custom_tool_result",
      "user.tool_result",
      "agent.message",
      "agent.thinking",
      "agent.tool_use",
      "agent.tool_result",
      "agent.mcp_tool_use",
      "agent.mcp_tool_result",
      "agent.custom_tool_use",
      "agent.thread_context_compacted",
      "session.status_running",
      "session.status_idle",
      "session.status_rescheduled",
      "session.status_terminated",
      "session.error",
      "session.deleted",
      "session.updated",
      "span.model_request_start",
      "span.model_request_end",
      "span.outcome_evaluation_start",
      "span.outcome_evaluation_ongoing",
      "span.outcome_evaluation_end",
      "user.define_outcome",
      "agent.thread_message_received",
      "agent.thread_message_sent",
      "agent.session_thread_message_received",
      "agent.session_thread_message_sent",
      "session.thread_created",
      "session.thread_status_created",
      "session.thread_status_running",
      "session.thread_status_idle",
      "session.thread_status_rescheduled",
      "session.thread_status_terminated",
      "event_start",
      "event_delta",
      "system.message",
  };
  for (std::string_view name : kNames)
    if (name == type)
      return true;
  return false;
}

std::string no_attribute(std::string_view type, std::string_view attribute) {
  return "'" + std::string(type) + "' object has no attribute '" + std::string(attribute) + "'";
}

class AnthropicPythonDecoder final : public ProfileDecoder {
  void on_sdk_event(const sse::Event &event) override {
    if (event.type == "error") {
      // err_msg = f"{body}" (str() of what json.loads gave: a dict's repr, a string as is), or
      // the raw data when it is not JSON, or "Error code: 200"; raised as APIStatusError.
      rapidjson::Document doc;
      std::string message;
      if (parse_json(event.data, JsonRuntime::python, doc)) {
        message = event.data.empty() ? "Error code: 200" : std::string(event.data);
      } else {
        const PyValue body = PyValue::from_json(doc);
        message = body.is_str() ? body.string : body.repr();
      }
      add_error(message, event, true);
      raise(std::move(message));
      return;
    }
    if (!yielded(event.type))
      return; // ping, completion, unknown types, blocks without `event:`
    rapidjson::Document doc;
    if (auto error = parse_json(event.data, JsonRuntime::python, doc)) {
      raise(std::move(*error));
      return;
    }
    if (!doc.IsObject())
      return; // not modelled: construct_type over a non-dict payload
    std::string type(event.type);
    if (auto t = string_of(last_member(doc, "type")))
      type = std::string(*t);
    if (auto error = accumulate(type, doc))
      raise(std::move(*error));
    else if (type == "message_stop")
      set_done();
  }

  // accumulate_event(); build_events() then indexes the same block again, which raises nothing
  // new. Returns the exception's message, or nullopt.
  std::optional<std::string> accumulate(std::string_view type, const JsonValue &event) {
    if (!message_) {
      if (type != "message_start")
        return "Unexpected event order, got " + std::string(type) + " before \"message_start\"";
      const JsonValue *message = last_member(event, "message");
      if (!message || !message->IsObject())
        return no_attribute("RawMessageStartEvent", "message");
      message_ = AnthropicMessage::from_start(*message);
      return std::nullopt;
    }
    if (type == "content_block_start") {
      const JsonValue *block = last_member(event, "content_block");
      if (!block || !block->IsObject())
        return no_attribute("RawContentBlockStartEvent", "content_block");
      message_->blocks.append(*block); // `content.append(...)`: the index is not read ("TODO")
    } else if (type == "content_block_delta" || type == "content_block_stop") {
      const auto index = int_of(last_member(event, "index"));
      if (!index)
        return no_attribute(type == "content_block_stop" ? "RawContentBlockStopEvent"
                                                         : "RawContentBlockDeltaEvent",
                            "index");
      AnthropicBlock *block = message_->blocks.at(*index);
      if (!block)
        return std::string("list index out of range"); // IndexError
      if (type == "content_block_delta")
        if (const JsonValue *delta = last_member(event, "delta"); delta && delta->IsObject())
          block->apply(*delta);
    } else if (type == "message_delta") {
      const JsonValue *delta = last_member(event, "delta");
      if (!delta || !delta->IsObject())
        return no_attribute("RawMessageDeltaEvent", "delta");
      message_->take_stop_reason(*delta); // overwritten, None included
      const JsonValue *usage = last_member(event, "usage");
      if (!usage || !usage->IsObject())
        return no_attribute("RawMessageDeltaEvent", "usage");
      if (!message_->has_usage)
        return no_attribute("ParsedMessage", "usage");
      if (!last_member(*usage, "output_tokens"))
        return no_attribute("MessageDeltaUsage", "output_tokens");
      message_->take_usage(*usage);
    }
    // message_start again, message_stop and any other type: no branch changes the snapshot.
    return std::nullopt;
  }

  // get_final_message(): `assert self.__final_message_snapshot is not None`.
  void on_end() override {
    if (!message_)
      raise("AssertionError");
  }

  void fill(StreamResult &result) override {
    if (message_)
      message_->fill(result);
  }

  std::optional<AnthropicMessage> message_; ///< the snapshot, from message_start on
};

} // namespace

pipeline::Implementation anthropic_python_profile() {
  return {
      "anthropic-sdk-python",
      pipeline::Kind::profile,
      "anthropic (Python) messages.stream() + get_final_message(): only events with a known "
      "`event:` type are read, stop_reason overwritten (null included), asserts a message_start",
      "anthropics/anthropic-sdk-python src/anthropic/_streaming.py (SSEDecoder, "
      "Stream.__stream__); src/anthropic/lib/streaming/_messages.py (accumulate_event, "
      "get_final_message)",
      make_python_parser,
      for_dialect<AnthropicPythonDecoder, dialect::kAnthropicMessages>,
      true,
      "openai-python", // sse_layer: the same Stainless SSE decoder
  };
}

} // namespace harness::profiles

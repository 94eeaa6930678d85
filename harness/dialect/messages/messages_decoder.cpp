#include "dialect/messages/messages_decoder.hpp"

#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "dialect/common/stream_end.hpp"
#include "dialect/common/typed_events.hpp"
#include "dialect/messages/content_blocks.hpp"
#include "rules/catalog.hpp"

namespace harness::messages {

namespace {

using dialect::add_finding;
using dialect::int_member;
using dialect::member;
using dialect::object_member;
using dialect::string_member;

class MessagesDecoder final : public dialect::MemoDecoder {
public:
  explicit MessagesDecoder(unsigned memo_shapes) : memo_(memo_shapes) {}

  const dialect::MemoStats &memo_stats() const override { return memo_.stats(); }

  void on_finding(Finding finding) override { result_.findings.push_back(std::move(finding)); }

  void on_event(const sse::Event &event) override {
    if (!trail_.arrive(result_, event, "an event after message_stop was ignored"))
      return;
    if (event.type == "error") {
      dialect::report_error(result_, event, true);
      return;
    }
    if (event.type == "ping")
      return;
    const rapidjson::Value *payload = dialect::read_object(event, memo_, result_);
    if (payload == nullptr)
      return;
    trail_.count_payload();
    dispatch(dialect::event_type(result_, event, *payload, rules::messages_event_type_mismatch),
             *payload, event);
  }

  StreamResult finish() override {
    if (!result_.choices.empty())
      blocks_.settle_all(result_.choices.front());
    trail_.finish(result_, "no event carried a usage object",
                  "the stream ended without message_stop");
    return std::move(result_);
  }

private:
  void dispatch(std::string_view type, const rapidjson::Value &payload, const sse::Event &event) {
    if (type == "message_start") {
      message_start(payload, event);
    } else if (type == "content_block_start") {
      blocks_.start(payload, event, message_choice(type, event));
    } else if (type == "content_block_delta") {
      blocks_.delta(payload, event, message_choice(type, event));
    } else if (type == "content_block_stop") {
      blocks_.stop(payload, event, message_choice(type, event));
    } else if (type == "message_delta") {
      message_delta(payload, event);
    } else if (type == "message_stop") {
      message_stop(event);
    } else if (type == "ping") {
      // keep-alive
    } else if (type == "error") {
      dialect::report_error(result_, event, false);
    } else {
      dialect::report_unknown(result_, event, type, rules::messages_unknown_event,
                              "which the decoder does not know");
    }
  }

  // The choice for an event that belongs to a message; the first such event before any
  // message_start is messages.start-missing.
  Choice &message_choice(std::string_view type, const sse::Event &event) {
    start_.require(result_, event, type);
    return dialect::single_choice(result_);
  }

  void message_start(const rapidjson::Value &payload, const sse::Event &event) {
    if (start_.started()) {
      add_finding(result_, rules::messages_start_repeated, event,
                  "a second message_start; ignored");
      return;
    }
    start_.start();
    Choice &c = dialect::single_choice(result_);
    const rapidjson::Value *message = object_member(payload, "message");
    if (message == nullptr) {
      add_finding(result_, rules::messages_malformed_event, event,
                  "message_start without a message object");
    }
    if (!c.role) {
      const auto role = message != nullptr ? string_member(*message, "role") : std::nullopt;
      c.role.emplace(role && !role->empty() ? *role : "assistant");
    }
    if (message != nullptr)
      if (const rapidjson::Value *usage = object_member(*message, "usage"))
        take_usage(*usage, event);
  }

  void message_delta(const rapidjson::Value &payload, const sse::Event &event) {
    Choice &c = message_choice("message_delta", event);
    if (const rapidjson::Value *delta = object_member(payload, "delta")) {
      const rapidjson::Value *reason = member(*delta, "stop_reason");
      if (reason != nullptr && reason->IsString()) {
        const std::string_view r = dialect::view(*reason);
        if (!r.empty() && !c.finish_reason)
          c.finish_reason.emplace(r);
        else if (!r.empty() && *c.finish_reason != r)
          add_finding(result_, rules::messages_stop_reason_changed, event,
                      "stop_reason " + chat::quoted(r) + " after " +
                          chat::quoted(*c.finish_reason) + "; the first is kept");
      } else if (reason != nullptr && !reason->IsNull()) {
        add_finding(result_, rules::messages_malformed_event, event,
                    "message_delta's stop_reason is " + std::string(dialect::type_name(*reason)) +
                        ", not a string or null; ignored");
      }
    } else {
      add_finding(result_, rules::messages_malformed_event, event,
                  "message_delta without a delta object");
    }
    if (const rapidjson::Value *usage = object_member(payload, "usage"))
      take_usage(*usage, event);
  }

  void message_stop(const sse::Event &event) {
    Choice &c = message_choice("message_stop", event);
    result_.done = true;
    if (!c.finish_reason)
      add_finding(result_, rules::messages_stop_reason_missing, event,
                  "message_stop, and no message_delta carried a stop_reason");
    blocks_.close_open(event, c);
  }

  void take_usage(const rapidjson::Value &usage, const sse::Event &event) {
    Usage &u = result_.usage ? *result_.usage : result_.usage.emplace();
    if (const auto input = int_member(usage, "input_tokens"))
      u.prompt_tokens = *input;
    if (const auto output = int_member(usage, "output_tokens")) {
      if (u.completion_tokens && *output < *u.completion_tokens)
        add_finding(result_, rules::usage_decreased, event,
                    "output_tokens went from " + std::to_string(*u.completion_tokens) + " to " +
                        std::to_string(*output));
      u.completion_tokens = *output;
    }
  }

  dialect::DocumentMemo memo_;
  StreamResult result_;
  ContentBlocks blocks_{result_};
  dialect::EventTrail trail_;
  dialect::StartCheck start_{rules::messages_start_missing, "message_start"};
};

} // namespace

std::unique_ptr<dialect::MemoDecoder> make_messages_decoder(unsigned memo_shapes) {
  return std::make_unique<MessagesDecoder>(memo_shapes);
}

} // namespace harness::messages

namespace harness::dialect {

std::unique_ptr<Decoder> make_messages_decoder() {
  return messages::make_messages_decoder(DocumentMemo::kDefaultShapes);
}

} // namespace harness::dialect

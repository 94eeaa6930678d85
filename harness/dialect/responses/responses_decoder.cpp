#include "dialect/responses/responses_decoder.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "dialect/common/stream_end.hpp"
#include "dialect/common/typed_events.hpp"
#include "dialect/responses/output_items.hpp"
#include "rules/catalog.hpp"

namespace harness::responses {

namespace {

using dialect::add_finding;
using dialect::int_member;
using dialect::member;
using dialect::object_member;
using dialect::string_member;

// Documented events that add nothing to the choice; those naming an output item are checked
// against the announced items.
constexpr std::string_view kReferringEvents[] = {
    "response.content_part.added",
    "response.content_part.done",
    "response.reasoning_summary_part.added",
    "response.reasoning_summary_part.done",
    "response.output_text.annotation.added",
    "response.audio.delta",
    "response.audio.done",
    "response.audio.transcript.delta",
    "response.audio.transcript.done",
    "response.code_interpreter_call.in_progress",
    "response.code_interpreter_call.interpreting",
    "response.code_interpreter_call.completed",
    "response.code_interpreter_call_code.delta",
    "response.code_interpreter_call_code.done",
    "response.file_search_call.in_progress",
    "response.file_search_call.searching",
    "response.file_search_call.completed",
    "response.web_search_call.in_progress",
    "response.web_search_call.searching",
    "response.web_search_call.completed",
    "response.image_generation_call.in_progress",
    "response.image_generation_call.generating",
    "response.image_generation_call.partial_image",
    "response.image_generation_call.completed",
    "response.mcp_call.in_progress",
    "response.mcp_call.completed",
    "response.mcp_call.failed",
    "response.mcp_call_arguments.delta",
    "response.mcp_call_arguments.done",
    "response.mcp_list_tools.in_progress",
    "response.mcp_list_tools.completed",
    "response.mcp_list_tools.failed",
    "response.custom_tool_call_input.delta",
    "response.custom_tool_call_input.done",
    "response.shell_call_command.added",
    "response.shell_call_command.delta",
    "response.shell_call_command.done",
    "response.shell_call_output_content.delta",
    "response.shell_call_output_content.done",
    "response.compaction.compacting",
    "response.apply_patch_call_operation_diff.delta",
    "response.apply_patch_call_operation_diff.done",
    "response.reasoning_summary.delta", // early name of reasoning_summary_text.delta
    "response.reasoning_summary.done",
};

struct TextEvent {
  std::string_view delta;
  std::string_view done;
  TextKind kind;
};

constexpr TextEvent kTextEvents[] = {
    {"response.output_text.delta", "response.output_text.done", TextKind::output_text},
    {"response.refusal.delta", "response.refusal.done", TextKind::refusal},
    {"response.reasoning_text.delta", "response.reasoning_text.done", TextKind::reasoning_text},
    {"response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
     TextKind::reasoning_summary},
};

class ResponsesDecoder final : public dialect::MemoDecoder {
public:
  explicit ResponsesDecoder(unsigned memo_shapes) : memo_(memo_shapes) {}

  const dialect::MemoStats &memo_stats() const override { return memo_.stats(); }

  void on_finding(Finding finding) override { result_.findings.push_back(std::move(finding)); }

  void on_event(const sse::Event &event) override {
    if (!trail_.arrive(result_, event, "an event after the terminal response event was ignored"))
      return;
    if (event.type == "error") {
      // The data need not be JSON; when it is, its sequence_number still counts.
      if (const rapidjson::Value *payload = dialect::parse_object(event.data, memo_))
        check_sequence(*payload, event);
      dialect::report_error(result_, event, true);
      return;
    }
    const rapidjson::Value *payload = dialect::read_object(event, memo_, result_);
    if (payload == nullptr)
      return;
    trail_.count_payload();
    check_sequence(*payload, event);
    dispatch(dialect::event_type(result_, event, *payload, rules::responses_event_type_mismatch),
             *payload, event);
  }

  StreamResult finish() override {
    trail_.finish(
        result_, "no response object carried usage",
        "the stream ended without response.completed, response.incomplete or response.failed");
    return std::move(result_);
  }

private:
  void dispatch(std::string_view type, const rapidjson::Value &payload, const sse::Event &event) {
    if (type == "response.created" || type == "response.in_progress" || type == "response.queued") {
      start_.start();
      if (const rapidjson::Value *response = object_member(payload, "response"))
        if (const rapidjson::Value *usage = object_member(*response, "usage"))
          take_usage(*usage, event);
      return;
    }
    if (type == "response.completed" || type == "response.incomplete" ||
        type == "response.failed") {
      terminal(type, payload, event);
      return;
    }
    if (type == "error") {
      dialect::report_error(result_, event, false);
      return;
    }
    if (type == "response.output_item.added")
      return items_.added(payload, event, output_choice(type, event));
    if (type == "response.output_item.done")
      return items_.done(payload, event, output_choice(type, event));
    if (type == "response.function_call_arguments.delta")
      return items_.arguments_delta(type, payload, event, output_choice(type, event));
    if (type == "response.function_call_arguments.done")
      return items_.arguments_done(type, payload, event, output_choice(type, event));
    for (const TextEvent &t : kTextEvents) {
      if (type == t.delta)
        return items_.text_delta(t.kind, type, payload, event, output_choice(type, event));
      if (type == t.done)
        return items_.text_done(t.kind, type, payload, event, output_choice(type, event));
    }
    if (std::find(std::begin(kReferringEvents), std::end(kReferringEvents), type) !=
        std::end(kReferringEvents)) {
      start_.require(result_, event, type);
      items_.refer(type, payload, event);
      return;
    }
    dialect::report_unknown(result_, event, type, rules::responses_unknown_event,
                            "which the Responses API does not document");
  }

  void check_sequence(const rapidjson::Value &payload, const sse::Event &event) {
    const rapidjson::Value *seq = member(payload, "sequence_number");
    if (seq == nullptr)
      return;
    if (!seq->IsInt64()) {
      add_finding(result_, rules::responses_malformed_event, event,
                  "sequence_number is " + std::string(dialect::type_name(*seq)) +
                      ", not an integer; ignored");
      return;
    }
    const int64_t n = seq->GetInt64();
    if (last_sequence_ && (*last_sequence_ == INT64_MAX || n != *last_sequence_ + 1))
      add_finding(result_, rules::responses_sequence_gap, event,
                  "sequence_number " + std::to_string(n) + " after " +
                      std::to_string(*last_sequence_));
    last_sequence_ = n;
  }

  Choice &output_choice(std::string_view type, const sse::Event &event) {
    start_.require(result_, event, type);
    return dialect::single_choice(result_);
  }

  void terminal(std::string_view type, const rapidjson::Value &payload, const sse::Event &event) {
    Choice &c = output_choice(type, event);
    result_.done = true;
    const std::string_view expected = type.substr(std::string_view("response.").size());
    std::string_view reason = expected;
    const rapidjson::Value *response = object_member(payload, "response");
    if (response == nullptr) {
      add_finding(result_, rules::responses_malformed_event, event,
                  std::string(type) + " without a response object");
    } else {
      const auto status = string_member(*response, "status");
      if (!status || *status != expected)
        add_finding(result_, rules::responses_status_mismatch, event,
                    std::string(type) + " carries " +
                        (status ? "status " + chat::quoted(*status) : std::string("no status")));
      if (status && !status->empty())
        reason = *status;
      if (const rapidjson::Value *usage = object_member(*response, "usage"))
        take_usage(*usage, event);
      if (type == "response.failed")
        failed(*response, event);
    }
    if (!c.finish_reason)
      c.finish_reason.emplace(reason);
  }

  void failed(const rapidjson::Value &response, const sse::Event &event) {
    const rapidjson::Value *error = member(response, "error");
    if (error == nullptr || error->IsNull()) {
      add_finding(result_, rules::responses_failed_without_error, event,
                  "response.failed without response.error");
      return;
    }
    if (!result_.errors.empty())
      return; // the error event before it already reported the failure
    std::string message = dialect::error_text(*error);
    add_finding(result_, rules::error_payload, event,
                "response.failed reports an error: " + chat::quoted(message));
    result_.errors.push_back(
        StreamError{std::move(message), "payload", event.data_offset, event.index});
  }

  void take_usage(const rapidjson::Value &usage, const sse::Event &event) {
    Usage u;
    u.prompt_tokens = int_member(usage, "input_tokens");
    u.completion_tokens = int_member(usage, "output_tokens");
    u.total_tokens = int_member(usage, "total_tokens");
    if (const rapidjson::Value *details = object_member(usage, "output_tokens_details"))
      u.reasoning_tokens = int_member(*details, "reasoning_tokens");
    if (u.prompt_tokens && u.completion_tokens && u.total_tokens) {
      int64_t sum = 0;
      if (__builtin_add_overflow(*u.prompt_tokens, *u.completion_tokens, &sum) ||
          sum != *u.total_tokens)
        add_finding(result_, rules::usage_total_mismatch, event,
                    "total_tokens " + std::to_string(*u.total_tokens) + " is not input_tokens " +
                        std::to_string(*u.prompt_tokens) + " + output_tokens " +
                        std::to_string(*u.completion_tokens));
    }
    result_.usage = u;
  }

  dialect::DocumentMemo memo_;
  StreamResult result_;
  OutputItems items_{result_};
  std::optional<int64_t> last_sequence_;
  dialect::EventTrail trail_;
  dialect::StartCheck start_{rules::responses_start_missing,
                             "response.created, response.queued or response.in_progress"};
};

} // namespace

std::unique_ptr<dialect::MemoDecoder> make_responses_decoder(unsigned memo_shapes) {
  return std::make_unique<ResponsesDecoder>(memo_shapes);
}

} // namespace harness::responses

namespace harness::dialect {

std::unique_ptr<Decoder> make_responses_decoder() {
  return responses::make_responses_decoder(DocumentMemo::kDefaultShapes);
}

} // namespace harness::dialect

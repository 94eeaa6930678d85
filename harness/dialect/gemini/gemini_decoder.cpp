#include "dialect/gemini/gemini_decoder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "dialect/common/stream_end.hpp"
#include "dialect/gemini/candidates.hpp"
#include "rules/catalog.hpp"

namespace harness::gemini {

namespace {

using dialect::add_finding;
using dialect::int_member;
using dialect::member;

class GeminiDecoder final : public dialect::MemoDecoder {
public:
  explicit GeminiDecoder(unsigned memo_shapes) : memo_(memo_shapes) {}

  const dialect::MemoStats &memo_stats() const override { return memo_.stats(); }

  void on_finding(Finding finding) override { result_.findings.push_back(std::move(finding)); }

  void on_event(const sse::Event &event) override {
    trail_.arrive(result_, event, "");
    last_offset_ = event.data_offset;
    last_index_ = event.index;
    const rapidjson::Value *payload = dialect::read_object(event, memo_, result_);
    if (payload == nullptr)
      return;
    trail_.count_payload();
    if (const rapidjson::Value *error = member(*payload, "error"); error && !error->IsNull()) {
      dialect::report_error(result_, event, false);
      return;
    }
    bool known = false;
    if (const rapidjson::Value *c = member(*payload, "candidates")) {
      known = true;
      candidates_.take(*c, event);
    }
    if (const rapidjson::Value *feedback = member(*payload, "promptFeedback")) {
      known = true;
      prompt_feedback(*feedback, event);
    }
    if (const rapidjson::Value *usage = member(*payload, "usageMetadata")) {
      known = true;
      if (usage->IsObject())
        take_usage(*usage, event);
      else
        add_finding(result_, rules::gemini_malformed_chunk, event,
                    "usageMetadata is " + std::string(dialect::type_name(*usage)) +
                        ", not an object; ignored");
    }
    if (!known)
      add_finding(result_, rules::gemini_unknown_chunk, event,
                  "a chunk with neither candidates, usageMetadata, promptFeedback nor error; "
                  "ignored");
  }

  StreamResult finish() override {
    const bool finished = candidates_.settle(last_offset_, last_index_);
    result_.done = blocked_ || (candidates_.any() && finished);
    trail_.finish(result_, "no chunk carried usageMetadata",
                  blocked_ || candidates_.any()
                      ? "the stream ended before every candidate sent a finishReason"
                      : "the stream ended without a candidate or a blocked prompt");
    return std::move(result_);
  }

private:
  void prompt_feedback(const rapidjson::Value &feedback, const sse::Event &event) {
    if (!feedback.IsObject()) {
      add_finding(result_, rules::gemini_malformed_chunk, event,
                  "promptFeedback is " + std::string(dialect::type_name(feedback)) +
                      ", not an object; ignored");
      return;
    }
    const auto reason = dialect::string_member(feedback, "blockReason");
    if (!reason || reason->empty() || *reason == "BLOCK_REASON_UNSPECIFIED")
      return;
    blocked_ = true;
    add_finding(result_, rules::gemini_prompt_blocked, event,
                "the prompt was blocked: blockReason " + chat::quoted(*reason));
  }

  void take_usage(const rapidjson::Value &usage, const sse::Event &event) {
    Usage u;
    u.prompt_tokens = int_member(usage, "promptTokenCount");
    u.completion_tokens = int_member(usage, "candidatesTokenCount");
    u.total_tokens = int_member(usage, "totalTokenCount");
    u.reasoning_tokens = int_member(usage, "thoughtsTokenCount");
    if (result_.usage) {
      decreased("promptTokenCount", result_.usage->prompt_tokens, u.prompt_tokens, event);
      decreased("candidatesTokenCount", result_.usage->completion_tokens, u.completion_tokens,
                event);
      decreased("thoughtsTokenCount", result_.usage->reasoning_tokens, u.reasoning_tokens, event);
      decreased("totalTokenCount", result_.usage->total_tokens, u.total_tokens, event);
    }
    if (u.total_tokens) {
      const int64_t parts[] = {u.prompt_tokens.value_or(0), u.completion_tokens.value_or(0),
                               u.reasoning_tokens.value_or(0),
                               int_member(usage, "toolUsePromptTokenCount").value_or(0)};
      int64_t sum = 0;
      bool overflow = false;
      for (const int64_t p : parts)
        overflow = overflow || __builtin_add_overflow(sum, p, &sum);
      if (overflow || sum != *u.total_tokens)
        add_finding(result_, rules::usage_total_mismatch, event,
                    "totalTokenCount " + std::to_string(*u.total_tokens) +
                        " is not promptTokenCount + candidatesTokenCount + thoughtsTokenCount + "
                        "toolUsePromptTokenCount (" +
                        (overflow ? std::string("beyond 2^63") : std::to_string(sum)) + ")");
    }
    result_.usage = u;
  }

  void decreased(std::string_view name, const std::optional<int64_t> &before,
                 const std::optional<int64_t> &now, const sse::Event &event) {
    if (before && now && *now < *before)
      add_finding(result_, rules::usage_decreased, event,
                  std::string(name) + " went from " + std::to_string(*before) + " to " +
                      std::to_string(*now));
  }

  dialect::DocumentMemo memo_;
  StreamResult result_;
  Candidates candidates_{result_};
  dialect::EventTrail trail_;
  bool blocked_ = false;
  uint64_t last_offset_ = 0; ///< data_offset of the last event, where end-of-stream findings point
  uint64_t last_index_ = 0;
};

} // namespace

std::unique_ptr<dialect::MemoDecoder> make_gemini_decoder(unsigned memo_shapes) {
  return std::make_unique<GeminiDecoder>(memo_shapes);
}

} // namespace harness::gemini

namespace harness::dialect {

std::unique_ptr<Decoder> make_gemini_decoder() {
  return gemini::make_gemini_decoder(DocumentMemo::kDefaultShapes);
}

} // namespace harness::dialect

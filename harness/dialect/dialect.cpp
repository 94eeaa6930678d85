#include "dialect/dialect.hpp"

#include <algorithm>
#include <array>

#include "json/rapidjson.hpp"

namespace harness::dialect {

namespace {

constexpr std::array<std::string_view, 4> kDialects{kOpenAiChat, kAnthropicMessages,
                                                    kOpenAiResponses, kGemini};

bool anthropic_type(std::string_view t) {
  return t == "message_start" || t == "message_delta" || t == "message_stop" ||
         t == "content_block_start" || t == "content_block_delta" || t == "content_block_stop" ||
         t == "ping";
}

bool responses_type(std::string_view t) { return t.starts_with("response."); }

/// Stops the parser's work from mattering once the answer is known.
class Detector final : public sse::EventSink {
public:
  void on_finding(Finding) override {}
  void on_event(const sse::Event &e) override {
    if (decided_)
      return;
    if (anthropic_type(e.type))
      return decide(kAnthropicMessages);
    if (responses_type(e.type))
      return decide(kOpenAiResponses);
    rapidjson::Document d;
    d.Parse<json::kParseFlags>(e.data.data(), e.data.size());
    if (d.HasParseError() || !d.IsObject())
      return;
    const auto type = d.FindMember("type");
    if (type != d.MemberEnd() && type->value.IsString()) {
      const std::string_view t(type->value.GetString(), type->value.GetStringLength());
      if (anthropic_type(t))
        return decide(kAnthropicMessages);
      if (responses_type(t))
        return decide(kOpenAiResponses);
    }
    const auto object = d.FindMember("object");
    if (d.HasMember("choices") ||
        (object != d.MemberEnd() && object->value.IsString() &&
         std::string_view(object->value.GetString()) == "chat.completion.chunk"))
      return decide(kOpenAiChat);
    if (d.HasMember("candidates") || d.HasMember("usageMetadata") || d.HasMember("promptFeedback"))
      return decide(kGemini);
  }
  bool decided() const { return decided_; }
  std::string_view result() const { return decided_ ? result_ : kOpenAiChat; }

private:
  void decide(std::string_view d) {
    decided_ = true;
    result_ = d;
  }
  bool decided_ = false;
  std::string_view result_;
};

} // namespace

std::span<const std::string_view> dialects() { return kDialects; }

bool is_dialect(std::string_view name) {
  return std::find(kDialects.begin(), kDialects.end(), name) != kDialects.end();
}

std::unique_ptr<Decoder> make_decoder(std::string_view dialect) {
  if (dialect == kOpenAiChat)
    return make_chat_decoder();
  if (dialect == kAnthropicMessages)
    return make_messages_decoder();
  if (dialect == kOpenAiResponses)
    return make_responses_decoder();
  if (dialect == kGemini)
    return make_gemini_decoder();
  return nullptr;
}

std::string_view detect_dialect(std::string_view stream) {
  Detector detector;
  auto parser = sse::find_parser("tolerant")->make(detector);
  constexpr size_t kSlice = 64 * 1024; // stop feeding once the first events decided
  for (size_t at = 0; at < stream.size() && !detector.decided(); at += kSlice)
    parser->feed(stream.substr(at, kSlice));
  if (!detector.decided())
    parser->finish();
  return detector.result();
}

} // namespace harness::dialect

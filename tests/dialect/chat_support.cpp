#include "dialect/chat_support.hpp"

#include <doctest/doctest.h>

#include "dialect/dialect_support.hpp"

namespace chat_test {

harness::StreamResult run_events(const std::vector<Ev> &events, unsigned memo_shapes,
                                 harness::chat::MemoStats *stats) {
  auto decoder = harness::chat::make_chat_decoder({memo_shapes});
  dialect_test::EventFeed feed(*decoder);
  for (const Ev &e : events)
    feed(e.data, e.type);
  if (stats)
    *stats = decoder->memo_stats();
  return decoder->finish();
}

harness::StreamResult run_payloads(const std::vector<std::string> &payloads, unsigned memo_shapes,
                                   harness::chat::MemoStats *stats) {
  std::vector<Ev> events;
  for (const std::string &p : payloads)
    events.push_back({p});
  return run_events(events, memo_shapes, stats);
}

uint64_t data_offset_of(const std::vector<std::string> &payloads, size_t i) {
  uint64_t offset = dialect_test::kDataPrefix;
  for (size_t k = 0; k < i; ++k)
    offset += dialect_test::written_size(payloads[k]);
  return offset;
}

std::vector<std::string> rules_of(const harness::StreamResult &r) {
  return dialect_test::rules_of(r);
}

harness::StreamResult run_memo_on_and_off(const std::vector<std::string> &payloads) {
  harness::chat::MemoStats on_stats;
  const auto off = run_payloads(payloads, 0);
  const auto on = run_payloads(payloads, 4, &on_stats);
  CHECK(on == off);
  return on;
}

namespace {
constexpr std::string_view kHeader = R"("id":"chatcmpl-1","object":"chat.completion.chunk")";
} // namespace

std::string headed(std::string_view payload) {
  REQUIRE((!payload.empty() && payload[0] == '{'));
  std::string s = "{";
  s += kHeader;
  if (payload.substr(1, 1) != "}")
    s += ',';
  s += payload.substr(1);
  return s;
}

std::string finish_chunk(std::string_view finish_json, int index) {
  return headed(R"({"choices":[{"index":)" + std::to_string(index) +
                R"(,"delta":{},"finish_reason":)" + std::string(finish_json) + "}]}");
}

std::vector<std::string> framed(const std::vector<std::string> &body, const Frame &frame) {
  auto each_choice = [&](std::string_view fields) {
    std::string choices;
    for (int i = 0; i < frame.choices; ++i)
      choices += std::string(i > 0 ? "," : "") + R"({"index":)" + std::to_string(i) + "," +
                 std::string(fields) + "}";
    return headed(R"({"choices":[)" + choices + "]}");
  };
  std::vector<std::string> out;
  if (frame.role && frame.choices > 0)
    out.push_back(each_choice(R"("delta":{"role":"assistant"})"));
  out.insert(out.end(), body.begin(), body.end());
  if (frame.finish && frame.choices > 0)
    out.push_back(each_choice(R"("delta":{},"finish_reason":")" + *frame.finish + "\""));
  if (frame.usage)
    out.push_back(
        headed(R"({"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}})"));
  if (frame.done)
    out.emplace_back("[DONE]");
  return out;
}

std::string chunk(std::string_view delta, int index, std::string_view extra) {
  std::string s = "{" + std::string(kHeader) + R"(,"choices":[{"index":)";
  s += std::to_string(index);
  s += R"(,"delta":)";
  s += delta;
  s += "}]";
  if (!extra.empty()) {
    s += ',';
    s += extra;
  }
  s += '}';
  return s;
}

} // namespace chat_test

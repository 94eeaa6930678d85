#include "dialect/chat_support.hpp"

#include "sse/parser.hpp"

namespace chat_test {

harness::StreamResult run_events(const std::vector<Ev> &events, unsigned memo_shapes,
                                 harness::chat::MemoStats *stats) {
  auto decoder = harness::chat::make_chat_decoder({memo_shapes});
  uint64_t offset = 0;
  uint64_t index = 0;
  for (const Ev &e : events) {
    harness::sse::Event ev;
    ev.type = e.type;
    ev.data = e.data;
    ev.index = index++;
    ev.offset = offset;
    ev.data_offset = offset + 6;
    decoder->on_event(ev);
    offset += 6 + e.data.size() + 2;
  }
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
  uint64_t offset = 0;
  for (size_t k = 0; k < i; ++k)
    offset += 6 + payloads[k].size() + 2;
  return offset + 6;
}

std::vector<std::string> rules_of(const harness::StreamResult &r) {
  std::vector<std::string> out;
  for (const auto &f : r.findings)
    out.push_back(f.rule);
  return out;
}

std::string chunk(std::string_view delta, int index, std::string_view extra) {
  std::string s = R"({"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":)";
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

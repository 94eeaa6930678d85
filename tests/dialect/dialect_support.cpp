#include "dialect/dialect_support.hpp"

namespace dialect_test {

void EventFeed::operator()(std::string_view data, std::string_view type) {
  harness::sse::Event ev;
  ev.type = type;
  ev.data = data;
  ev.index = index_++;
  ev.offset = offset_;
  ev.data_offset = offset_ + kDataPrefix;
  decoder_.on_event(ev);
  offset_ += written_size(data);
}

std::vector<std::string> rules_of(const harness::StreamResult &r) {
  std::vector<std::string> out;
  for (const auto &f : r.findings)
    out.push_back(f.rule);
  return out;
}

std::map<std::string, int> rule_counts(const harness::StreamResult &r) {
  std::map<std::string, int> out;
  for (const auto &f : r.findings)
    ++out[f.rule];
  return out;
}

} // namespace dialect_test

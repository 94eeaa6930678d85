#include "sse/whole_stream.hpp"

#include <algorithm>

namespace harness::sse {

namespace {

class CallbackSink final : public EventSink {
public:
  explicit CallbackSink(const std::function<void(const Event &)> &each) : each_(each) {}
  void on_event(const Event &e) override { each_(e); }
  void on_finding(Finding) override {}

private:
  const std::function<void(const Event &)> &each_;
};

} // namespace

void each_tolerant_event(std::string_view stream, const std::function<void(const Event &)> &each) {
  CallbackSink sink(each);
  auto parser = find_parser("tolerant")->make(sink);
  parser->feed(stream);
  parser->finish();
}

std::vector<uint64_t> event_offsets(std::string_view stream) {
  std::vector<uint64_t> out;
  each_tolerant_event(stream, [&](const Event &e) { out.push_back(e.offset); });
  return out;
}

uint64_t finished_events_end(std::string_view kept, std::span<const uint64_t> starts) {
  size_t events = 0;
  const std::function<void(const Event &)> each = [&](const Event &) { ++events; };
  CallbackSink sink(each);
  auto parser = find_parser("tolerant")->make(sink);
  parser->feed(kept);
  const size_t fed = events;
  parser->finish();
  if (events == fed) // the bytes end between events (or among comments and blank lines)
    return kept.size();
  // The start of the event the cut went through: the last start not past the cut.
  const auto after = std::upper_bound(starts.begin(), starts.end(), uint64_t{kept.size()});
  return after == starts.begin() ? 0 : *(after - 1);
}

} // namespace harness::sse

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
  size_t fed = 0, all = 0;
  bool finishing = false;
  const std::function<void(const Event &)> each = [&](const Event &) {
    fed += finishing ? 0 : 1;
    ++all;
  };
  CallbackSink sink(each);
  auto parser = find_parser("tolerant")->make(sink);
  parser->feed(kept);
  finishing = true;
  parser->finish();
  if (all == fed) // the bytes end between events (or among comments and blank lines)
    return kept.size();
  uint64_t end = 0; // the start of the event the cut went through
  for (uint64_t s : starts) {
    if (s > kept.size())
      break;
    end = s;
  }
  return end;
}

} // namespace harness::sse

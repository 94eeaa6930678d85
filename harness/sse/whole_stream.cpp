#include "sse/whole_stream.hpp"

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

} // namespace harness::sse

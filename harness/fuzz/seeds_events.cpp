#include "fuzz/seeds_events.hpp"

#include "sse/parser.hpp"

namespace harness::fuzz {

namespace {

class CollectingSink final : public sse::EventSink {
public:
  explicit CollectingSink(StreamEvents &out) : out_(out) {}
  void on_event(const sse::Event &e) override {
    out_.offsets.push_back(e.offset);
    out_.types.emplace_back(e.type);
    out_.data.emplace_back(e.data);
  }
  void on_finding(Finding) override {}

private:
  StreamEvents &out_;
};

} // namespace

StreamEvents parse_events(std::string_view stream) {
  StreamEvents out;
  CollectingSink sink(out);
  auto parser = sse::find_parser("tolerant")->make(sink);
  parser->feed(stream);
  parser->finish();
  return out;
}

} // namespace harness::fuzz

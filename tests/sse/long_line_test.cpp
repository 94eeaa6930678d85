// A 1 MB single line fed one byte at a time must finish (framing keeps its scan position in the
// carried partial line, so it is linear, not quadratic) and give the one right event.
#include <string>

#include <doctest/doctest.h>

#include "sse/parser.hpp"

namespace {
struct LastEvent final : harness::sse::EventSink {
  int events = 0;
  int findings = 0;
  std::string data;
  void on_event(const harness::sse::Event &e) override {
    ++events;
    data.assign(e.data);
  }
  void on_finding(harness::Finding) override { ++findings; }
};
} // namespace

TEST_CASE("sse.long-line.one-megabyte-byte-by-byte") {
  std::string payload(1 << 20, 'x');
  payload += "\xC3\xA9"; // a high byte at the very end: UTF-8 checking runs on the whole line
  const std::string input = "data: " + payload + "\r\n\r\n";
  for (const auto &info : harness::sse::parsers()) {
    CAPTURE(std::string(info.name));
    LastEvent sink;
    auto parser = info.make(sink);
    for (const char &c : input)
      parser->feed(std::string_view(&c, 1));
    parser->finish();
    CHECK(sink.events == 1);
    CHECK(sink.findings == 0);
    CHECK(sink.data == payload);
  }
}

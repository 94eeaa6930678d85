// The parser table: fixed order and names (used in case expectations and on the command line).
#include <string>

#include <doctest/doctest.h>

#include "sse/parser.hpp"

namespace {
struct CountingSink final : harness::sse::EventSink {
  int events = 0;
  void on_event(const harness::sse::Event &) override { ++events; }
  void on_finding(harness::Finding) override {}
};
} // namespace

TEST_CASE("sse.registry.order-and-names") {
  const auto all = harness::sse::parsers();
  REQUIRE(all.size() == 3);
  CHECK(all[0].name == "whatwg");
  CHECK(all[1].name == "tolerant");
  CHECK(all[2].name == "lines");
  for (const auto &info : all) {
    CAPTURE(std::string(info.name));
    CHECK(!info.description.empty());
    CHECK(info.description.find('\n') == std::string::npos);
    REQUIRE(static_cast<bool>(info.make));
    CountingSink sink;
    auto parser = info.make(sink);
    REQUIRE(parser != nullptr);
    parser->feed("data: x\n\n");
    parser->finish();
    CHECK(sink.events == 1);
  }
}

TEST_CASE("sse.registry.find-parser") {
  const auto all = harness::sse::parsers();
  CHECK(harness::sse::find_parser("whatwg") == &all[0]);
  CHECK(harness::sse::find_parser("tolerant") == &all[1]);
  CHECK(harness::sse::find_parser("lines") == &all[2]);
  CHECK(harness::sse::find_parser("Whatwg") == nullptr);
  CHECK(harness::sse::find_parser("") == nullptr);
}

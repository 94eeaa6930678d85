// pipeline.*: a ParserTrace matches exactly the replays whose parser output equals the recorded one.
#include <doctest/doctest.h>

#include <string>

#include "pipeline/implementation.hpp"
#include "pipeline/trace.hpp"

using harness::pipeline::find_implementation;
using harness::pipeline::ParserTrace;
using harness::split::Split;

namespace {

const std::string kStream = "data: {\"a\":1}\n\nevent: x\ndata: two\nid: 7\n\ndata: [DONE]\n\n";

Split at(size_t k) { return Split{Split::Kind::at, k}; }

} // namespace

TEST_CASE("pipeline.trace-matches-every-split-of-a-well-formed-stream") {
  const auto *whatwg = find_implementation("whatwg");
  REQUIRE(whatwg);
  const ParserTrace trace(kStream, *whatwg, Split{});
  CHECK(trace.matches(kStream, *whatwg, Split{}));
  for (size_t k = 1; k < kStream.size(); ++k) {
    CAPTURE(k);
    CHECK(trace.matches(kStream, *whatwg, at(k)));
  }
}

TEST_CASE("pipeline.trace-sees-any-difference") {
  const auto *whatwg = find_implementation("whatwg");
  REQUIRE(whatwg);
  const ParserTrace trace(kStream, *whatwg, Split{});
  std::string other = kStream;
  other[other.find("two")] = 'T'; // one data byte
  CHECK_FALSE(trace.matches(other, *whatwg, Split{}));
  other = kStream;
  other.replace(other.find("id: 7"), 5, "id: 8"); // the id only
  CHECK_FALSE(trace.matches(other, *whatwg, Split{}));
  // One event fewer; one event more.
  CHECK_FALSE(trace.matches(kStream.substr(0, kStream.size() - 15), *whatwg, Split{}));
  CHECK_FALSE(trace.matches(kStream + "data: 3\n\n", *whatwg, Split{}));
  // Findings count too: whatwg reports the unterminated last event.
  CHECK_FALSE(trace.matches(kStream + "data: 3", *whatwg, Split{}));
  // Offsets count: the same events one byte later.
  CHECK_FALSE(trace.matches("\n" + kStream, *whatwg, Split{}));
}

TEST_CASE("pipeline.trace-is-per-implementation") {
  // The naive `lines` parser buffers whole lines, so every split matches its own whole replay.
  const auto *lines = find_implementation("lines");
  REQUIRE(lines);
  const ParserTrace trace(kStream, *lines, Split{});
  for (size_t k = 1; k < kStream.size(); ++k)
    CHECK(trace.matches(kStream, *lines, at(k)));
  // A trace is per implementation: tolerant's output differs from lines' (event types, ids).
  const auto *tolerant = find_implementation("tolerant");
  REQUIRE(tolerant);
  CHECK_FALSE(trace.matches(kStream, *tolerant, Split{}));
}

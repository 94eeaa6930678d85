// sse.whole-stream.*: what the harness reads from a stream it holds (sse/whole_stream.hpp).
#include <doctest/doctest.h>

#include <string>

#include "sse/whole_stream.hpp"

using harness::sse::event_offsets;
using harness::sse::finished_events_end;

namespace {

uint64_t end_of_cut(const std::string &stream, size_t kept) {
  const auto starts = event_offsets(stream);
  return finished_events_end(std::string_view(stream).substr(0, kept), starts);
}

} // namespace

TEST_CASE("sse.whole-stream.a-cut-inside-an-event-keeps-the-events-before-it") {
  const std::string s = "data: 1\n\ndata: 22222\n\ndata: 3\n\n";
  CHECK(end_of_cut(s, 14) == 9);  // inside "data: 22222"
  CHECK(end_of_cut(s, 21) == 9);  // its blank line not yet sent
  CHECK(end_of_cut(s, 22) == 22); // just after it
}

// Comments between events belong to no event; a cut among them leaves every event before it
// whole (the spec vector comments-mixed: a 4 KB comment after its second event).
TEST_CASE("sse.whole-stream.a-cut-among-comments-between-events-keeps-every-event-before-it") {
  using namespace std::string_literals;
  const std::string s = "data:1\r\r:\0\n:\r\ndata:2\n\n:"s + std::string(200, 'x') + "\ndata:3\n\n";
  REQUIRE(s.size() == 232);
  REQUIRE(event_offsets(s) == std::vector<uint64_t>{0, 14, 224}); // first field lines
  CHECK(end_of_cut(s, 100) == 100);
  CHECK(end_of_cut(s, 23) == 23);
}

// Without blank lines the tolerant rules end an event where the next `data:` begins: a cut
// exactly there (cut-events:N) leaves the event before it whole; a cut inside a line does not.
TEST_CASE("sse.whole-stream.a-cut-at-the-next-event-of-a-stream-without-blank-lines") {
  const std::string s = "data: {\"a\":1}\ndata: {\"a\":2}\ndata: {\"a\":3}\n";
  const auto starts = event_offsets(s);
  REQUIRE(starts.size() == 3);
  CHECK(end_of_cut(s, starts[2]) == starts[2]);
  CHECK(end_of_cut(s, starts[2] - 3) == starts[1]);
  CHECK(end_of_cut(s, starts[2] + 3) == starts[2]);
}

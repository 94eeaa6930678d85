// Framing: offsets, views into the feed versus the carry, the high-byte hint, CRLF across feeds.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sse/line_scanner.hpp"

using harness::sse::Line;
using harness::sse::LineEnds;
using harness::sse::LineScanner;

namespace {
struct Seen {
  std::string text;
  uint64_t offset;
  bool high;
  bool in_feed;
  bool operator==(const Seen &) const = default;
};

std::vector<Seen> scan(LineEnds ends, std::initializer_list<std::string_view> feeds, bool tail) {
  LineScanner s(ends);
  std::vector<Seen> out;
  Line line;
  for (const std::string_view f : feeds) {
    s.begin_feed(f);
    while (s.next(line)) {
      if (line.in_feed) // a view into the feed really points into it
        CHECK((line.text.data() >= f.data() &&
               line.text.data() + line.text.size() <= f.data() + f.size()));
      out.push_back({std::string(line.text), line.offset, line.high, line.in_feed});
    }
  }
  if (tail && s.take_tail(line))
    out.push_back({std::string(line.text), line.offset, line.high, line.in_feed});
  return out;
}
} // namespace

TEST_CASE("sse.line-scanner.views-and-carry") {
  const auto seen =
      scan(LineEnds::cr_lf_crlf,
           {"ab\r\ncd", "e\xC3\xA9\n", "\rlong line with more than sixteen bytes\n"}, true);
  REQUIRE(seen.size() == 4);
  CHECK(seen[0] == Seen{"ab", 0, false, true});
  CHECK(seen[1] == Seen{"cde\xC3\xA9", 4, true, false}); // spans two feeds: carried
  CHECK(seen[2] == Seen{"", 10, false, true});
  CHECK(seen[3] == Seen{"long line with more than sixteen bytes", 11, false, true});
}

TEST_CASE("sse.line-scanner.crlf-across-feeds-is-one-line-end") {
  const auto seen = scan(LineEnds::cr_lf_crlf, {"a\r", "", "\nb\r", "\r", "\n"}, true);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0] == Seen{"a", 0, false, true});
  CHECK(seen[1] == Seen{"b", 3, false, true});
  CHECK(seen[2] == Seen{"", 5, false, true});
}

TEST_CASE("sse.line-scanner.high-bit-only-before-the-line-end") {
  // The high byte after the LF (same 16-byte block) belongs to the next line.
  const auto seen =
      scan(LineEnds::cr_lf_crlf, {"abcdefghijklm\n\xC3\xA9xxxxxxxxxxxxxxxxxx\n"}, false);
  REQUIRE(seen.size() == 2);
  CHECK_FALSE(seen[0].high);
  CHECK(seen[1].high);
  const auto longer =
      scan(LineEnds::cr_lf_crlf, {"0123456789abcdefghij\xC3\xA9 and more text here\n"}, false);
  REQUIRE(longer.size() == 1);
  CHECK(longer[0].high);
}

TEST_CASE("sse.line-scanner.lf-only-keeps-cr-and-tail") {
  const auto seen = scan(LineEnds::lf_only, {"a\rb\r\n", "c"}, true);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == Seen{"a\rb\r", 0, false, true});
  CHECK(seen[1] == Seen{"c", 5, false, false});
}

namespace {
// For each line handed out: the first bare CR visible right after the next() that returned it.
// The last entry is what is visible after take_tail().
std::vector<uint64_t> bare_cr_seen(LineEnds ends, std::initializer_list<std::string_view> feeds) {
  LineScanner s(ends);
  std::vector<uint64_t> out;
  Line line;
  for (const std::string_view f : feeds) {
    s.begin_feed(f);
    while (s.next(line))
      out.push_back(s.first_bare_cr());
  }
  s.take_tail(line);
  out.push_back(s.first_bare_cr());
  return out;
}
constexpr uint64_t kNone = LineScanner::kNoBareCr;
} // namespace

// A bare CR becomes visible with the call after the one that returned the line it ends, however
// the bytes are split, so a parser reports it at the same point of its processing every time.
TEST_CASE("sse.line-scanner.bare-cr-visible-after-the-line-it-ends") {
  using V = std::vector<uint64_t>;
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\rb\n"}) == V{kNone, 1, 1});
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\r", "b\n"}) == V{kNone, 1, 1});
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\r", "", "b", "\n"}) == V{kNone, 1, 1});
  // CRLF, also across feeds, is not bare; the first bare one is kept.
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\r", "\nb\rc\rd\n"}) == V{kNone, kNone, 4, 4, 4});
  // A CR that ends the stream is bare; take_tail() makes it visible.
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\r\n\r"}) == V{kNone, kNone, 3});
  CHECK(bare_cr_seen(LineEnds::cr_lf_crlf, {"a\rtail"}) == V{kNone, 1});
  // With LF-only line ends a CR is text.
  CHECK(bare_cr_seen(LineEnds::lf_only, {"a\rb\n\r"}) == V{kNone, kNone});
}

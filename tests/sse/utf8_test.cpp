// WHATWG UTF-8 decoding: one U+FFFD per maximal ill-formed subpart.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "sse/utf8.hpp"

using harness::sse::append_utf8_repaired;
using harness::sse::first_invalid_utf8;

namespace {
std::string repaired(std::string_view in) {
  std::string out = "<";
  append_utf8_repaired(out, in);
  return out;
}
constexpr auto npos = std::string_view::npos;
} // namespace

TEST_CASE("sse.utf8.valid-passes-through") {
  for (const std::string_view s : {"", "ascii", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                   "\xEF\xBB\xBF", "\xED\x9F\xBF", "\xF4\x8F\xBF\xBF"}) {
    CAPTURE(s);
    CHECK(first_invalid_utf8(s) == npos);
    CHECK(repaired(s) == "<" + std::string(s));
  }
}

TEST_CASE("sse.utf8.maximal-subparts") {
  CHECK(first_invalid_utf8("ab\xFF") == 2);
  CHECK(first_invalid_utf8("a\xE2\x82") == 1);    // truncated at the end
  CHECK(first_invalid_utf8("\xC3\xA9\x80") == 2); // stray continuation
  CHECK(repaired("\xE2\x82"
                 "A") == "<\xEF\xBF\xBD"
                         "A");
  CHECK(repaired("\xF0\x80\x80") == "<\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // overlong
  CHECK(repaired("\xED\xA0\x80") == "<\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
  CHECK(repaired("\xF4\x90\x80\x80") ==
        "<\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // above U+10FFFF
  CHECK(repaired("\xF0\x9F\x98") == "<\xEF\xBF\xBD");         // one truncated sequence, one U+FFFD
  CHECK(repaired("\xC0\xAF\xF8") == "<\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(repaired("\xE2\x28\xA1") == "<\xEF\xBF\xBD(\xEF\xBF\xBD");
}

// report.printable.*: what every report writer relies on: valid UTF-8 in, unchanged; anything a
// report cannot carry (control bytes, invalid UTF-8, U+FFFE/U+FFFF) out as a visible escape.
#include <doctest/doctest.h>

#include <string>

#include "report/printable.hpp"

using harness::report::printable;
using harness::report::utf8_prefix;

TEST_CASE("report.printable.valid text is kept, backslashes included") {
  const std::string s = "a \\x41 ü € 𝄞 \xEF\xBB\xBF \xC2\x85 end"; // BOM, NEL: allowed in XML 1.0
  CHECK(printable(s, true) == s);
  CHECK(printable("tab\tcr\rlf\n", true) == "tab\tcr\rlf\n");
  CHECK(printable("tab\tcr\rlf\n", false) == "tab\\tcr\\rlf\\n");
}

TEST_CASE("report.printable.control bytes and invalid UTF-8 become \\xNN") {
  CHECK(printable(std::string("\0\x01\x1f\x7f", 4), true) == "\\x00\\x01\\x1f\\x7f");
  CHECK(printable("\xff", true) == "\\xff");
  CHECK(printable("\xc3(", true) == "\\xc3(");                          // truncated sequence
  CHECK(printable("\xc0\xaf", true) == "\\xc0\\xaf");                   // overlong
  CHECK(printable("\xe0\x80\xaf", true) == "\\xe0\\x80\\xaf");          // overlong
  CHECK(printable("\xed\xa0\x80", true) == "\\xed\\xa0\\x80");          // a surrogate
  CHECK(printable("\xf4\x90\x80\x80", true) == "\\xf4\\x90\\x80\\x80"); // above U+10FFFF
  CHECK(printable("\xe2\x82", true) == "\\xe2\\x82");                   // cut at the end
  CHECK(printable("\xef\xbf\xbe \xef\xbf\xbf", true) == "\\uFFFE \\uFFFF");
  // The result is itself printable: a second pass changes nothing.
  const std::string once = printable("\x01\xff\xc3(\xef\xbf\xbe", true);
  CHECK(printable(once, true) == once);
}

TEST_CASE("report.printable.utf8_prefix never cuts a character") {
  CHECK(utf8_prefix("abc", 5) == "abc");
  CHECK(utf8_prefix("ab€", 3) == "ab");
  CHECK(utf8_prefix("ab€", 4) == "ab");
  CHECK(utf8_prefix("ab€", 5) == "ab€");
  CHECK(utf8_prefix("ab€d", 5) == "ab€");
}

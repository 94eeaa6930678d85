// The structural "one complete JSON object/array?" scanner, fed in pieces as data lines arrive.
#include <initializer_list>
#include <string_view>

#include <doctest/doctest.h>

#include "sse/json_scan.hpp"

namespace {
bool complete(std::initializer_list<std::string_view> pieces) {
  harness::sse::JsonCompleteness j;
  for (const std::string_view p : pieces)
    j.append(p);
  return j.complete();
}
} // namespace

TEST_CASE("sse.json-scan.complete-values") {
  CHECK(complete({"{}"}));
  CHECK(complete({"[DONE]"}));
  CHECK(complete({" {\"a\":[1,{\"b\":\"}\"}]}\n"}));
  CHECK(complete({"{\"a\":", "\n", "1}", "\n"}));
  CHECK(complete({"{\"s\":\"\\\\\"}"})); // escaped backslash, then the string ends
}

TEST_CASE("sse.json-scan.not-complete") {
  CHECK_FALSE(complete({}));
  CHECK_FALSE(complete({"\n"}));
  CHECK_FALSE(complete({"{\"a\":"}));
  CHECK_FALSE(complete({"{\"s\":\"}"}));     // the brace is inside an open string
  CHECK_FALSE(complete({"{\"s\":\"\\\"}"})); // escaped quote keeps the string open
  CHECK_FALSE(complete({"\"text\""}));
  CHECK_FALSE(complete({"42"}));
  CHECK_FALSE(complete({"{} x"}));
  CHECK_FALSE(complete({"{}{}"}));
  CHECK_FALSE(complete({"hello", "{}"}));
}

TEST_CASE("sse.json-scan.reset") {
  harness::sse::JsonCompleteness j;
  j.append("x");
  j.append("{}");
  CHECK_FALSE(j.complete());
  j.reset();
  j.append("{}");
  CHECK(j.complete());
}

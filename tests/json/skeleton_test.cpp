// The pieces of the shape memos' fast path (dialect/common/skeleton.hpp) held to RapidJSON itself:
// a number token read alone gives the Value a full parse gives, short integers are exactly the
// integers RapidJSON reads below 2^53, plain strings are their own value, and the skeleton finds
// holes where a parser would.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dialect/common/skeleton.hpp"
#include "json/dom_equal.hpp"

using harness::dialect::HoleKind;
using harness::dialect::HoleSpan;
using harness::dialect::LiteralParser;
using harness::dialect::Skeleton;

namespace {

uint64_t next(uint64_t &state) { // splitmix64: deterministic across platforms
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

bool full_parse(const std::string &text, rapidjson::Document &doc) {
  rapidjson::MemoryStream s(text.data(), text.size());
  doc.ParseStream<harness::json::kParseFlags>(s);
  return !doc.HasParseError() && s.Tell() == text.size();
}

std::vector<std::string> number_tokens() {
  std::vector<std::string> t = {
      "0", "-0", "1", "-1", "9", "10", "123456789", "-123456789", "999999999", "-999999999",
      "1234567890", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295",
      "4294967296", "-4294967296", "9007199254740992", "9007199254740993", "-9007199254740993",
      "123456789012345", "999999999999999", "-999999999999999", "1000000000000000",
      "9223372036854775807", "9223372036854775808", "-9223372036854775808",
      "-9223372036854775809", "18446744073709551615", "18446744073709551616",
      "100000000000000000000000", "1.0", "-1.0", "0.0", "-0.0", "1e5", "1E5", "1e+5", "1e-5",
      "1.5e3", "0.1", "-0.000001234", "-3.128163257315464e-7", "1.7976931348623157e308",
      "4.9e-324", "1e-400", "123.456e-789", "1e309", "-1e309", "1e400", "01", "-01", "00",
      "1.", "-", ".5", "+1", "1e", "1e+", "--1", "1.5.5", "1e5e5", "2.", "0e", "0e0", "-0e-0",
      "1-2", "1+2", "1E-", "12345678901234567890123456789",
  };
  uint64_t state = 7;
  static const char bytes[] = "0123456789-+.eE";
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    const size_t n = 1 + next(state) % 20;
    for (size_t k = 0; k < n; ++k)
      s += next(state) % 4 == 0 ? bytes[next(state) % (sizeof bytes - 1)]
                                : static_cast<char>('0' + next(state) % 10);
    t.push_back(s);
  }
  return t;
}

} // namespace

TEST_CASE("json.literal-number-equals-rapidjson") {
  LiteralParser literal;
  size_t valid = 0;
  for (const std::string &token : number_tokens()) {
    CAPTURE(token);
    rapidjson::Document full;
    const bool full_ok = full_parse(token, full) && full.IsNumber();
    rapidjson::Value fast;
    const bool fast_ok = literal.number(token, fast);
    REQUIRE(fast_ok == full_ok);
    if (full_ok) {
      ++valid;
      CHECK(json_test::dom_equal(fast, full));
    }
  }
  CHECK(valid > 1000);
}

TEST_CASE("json.short-integer-equals-rapidjson") {
  size_t shorts = 0;
  for (const std::string &token : number_tokens()) {
    CAPTURE(token);
    const auto v = harness::dialect::short_integer(token);
    if (!v)
      continue;
    ++shorts;
    rapidjson::Document full;
    REQUIRE(full_parse(token, full));
    REQUIRE(full.IsInt64());
    CHECK(full.GetInt64() == *v);
    CHECK(*v < (int64_t{1} << 53));
    CHECK(*v > -(int64_t{1} << 53));
  }
  CHECK(shorts > 300);
  CHECK_FALSE(harness::dialect::short_integer("1000000000000000")); // 16 digits
  CHECK_FALSE(harness::dialect::short_integer("1.0"));
  CHECK_FALSE(harness::dialect::short_integer("01"));
  CHECK_FALSE(harness::dialect::short_integer("-"));
  CHECK(harness::dialect::short_integer("-0") == 0);
}

TEST_CASE("json.plain-string-is-its-own-value") {
  uint64_t state = 11;
  LiteralParser literal;
  size_t plain = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const size_t n = next(state) % 24;
    for (size_t k = 0; k < n; ++k)
      s += static_cast<char>(next(state) % 8 == 0 ? next(state) % 256 : 0x20 + next(state) % 0x5F);
    CAPTURE(s);
    std::string decoded;
    const bool valid = literal.string("\"" + s + "\"", decoded);
    if (harness::dialect::plain_string(s)) {
      ++plain;
      CHECK(valid);
      CHECK(decoded == s);
    }
  }
  CHECK(plain > 1000);
}

TEST_CASE("json.skeleton-holes-and-matches") {
  Skeleton sk;
  const std::string base = R"({"a": "x", "n":-12.5e3 ,"b":[true,null,"k\"q"],"c" :{}} )";
  REQUIRE(sk.assign(base, 8));
  std::vector<HoleKind> kinds;
  for (const auto &h : sk.holes())
    kinds.push_back(h.kind);
  using K = HoleKind;
  // ' ' after ':', the "x" value, ' ' after ',', the number, ' ' after it, "k\"q", ' ' before
  // ':', the trailing ' '; keys are never holes.
  CHECK(kinds == std::vector<K>{K::space, K::string, K::space, K::number, K::space, K::string,
                                K::space, K::space});
  std::vector<HoleSpan> spans;
  CHECK(sk.match(base, spans));
  CHECK(spans[1].same); // a hole at the very end is never `same`: no byte ends it
  CHECK(spans[3].same);
  // Other values, other whitespace (none, more, other kinds): the same skeleton.
  CHECK(sk.match("{\"a\":\"yy\",\n\"n\":7,\"b\":[true,null,\"\\\\\"],\"c\"\t:{}}", spans));
  CHECK_FALSE(spans[1].same);
  // A key, a literal, a container or a structural byte that differs does not match.
  CHECK_FALSE(sk.match(R"({"A": "x", "n":-12.5e3 ,"b":[true,null,"k\"q"],"c" :{}} )", spans));
  CHECK_FALSE(sk.match(R"({"a": "x", "n":-12.5e3 ,"b":[false,null,"k\"q"],"c" :{}} )", spans));
  CHECK_FALSE(sk.match(R"({"a": "x", "n":-12.5e3 ,"b":[true,null,"k\"q"],"c" :[]} )", spans));
  CHECK_FALSE(sk.match(R"({"a": "x", "n":"1" ,"b":[true,null,"k\"q"],"c" :{}} )", spans));
  CHECK_FALSE(sk.match(R"({"a": "x", "n":-12.5e3 ,"b":[true,null,"k\"q"],"c" :{}}x)", spans));
  // A number made skeleton must repeat.
  sk.forget_hole(3);
  CHECK(sk.match(base, spans));
  CHECK_FALSE(sk.match(R"({"a": "x", "n":-12.5e4 ,"b":[true,null,"k\"q"],"c" :{}} )", spans));
  // Too deep: not remembered.
  CHECK_FALSE(sk.assign("[[[[1]]]]", 3));
  CHECK(sk.assign("[[[[1]]]]", 4));
}

#include <doctest/doctest.h>

#include <string>

#include "json/rapidjson.hpp"

namespace {
bool parses(const std::string &text) {
  rapidjson::Document d;
  d.Parse<harness::json::kParseFlags>(text.data(), text.size());
  return !d.HasParseError();
}
} // namespace

// RFC 8259 section 7: control characters U+0000..U+001F must be escaped in strings. RapidJSON's SSE2
// scans (1.1.0) let 0x1A..0x1F through in strings of 16 bytes or more, so both directions are
// tried on long strings, for every control character.
TEST_CASE("json.control-characters-are-escaped-in-long-strings") {
  for (int c = 0; c < 0x20; ++c) {
    CAPTURE(c);
    rapidjson::Document d;
    const std::string value = "0123456789abcdef" + std::string(1, static_cast<char>(c)) + "tail";
    rapidjson::Value v = harness::json::string_value(value, d.GetAllocator());
    rapidjson::StringBuffer out;
    rapidjson::Writer<rapidjson::StringBuffer> writer(out);
    v.Accept(writer);
    const std::string text = out.GetString();
    for (const char ch : text)
      CHECK(static_cast<unsigned char>(ch) >= 0x20);
    REQUIRE(parses(text));
  }
}

TEST_CASE("json.raw-control-characters-in-long-strings-are-rejected") {
  for (int c = 0; c < 0x20; ++c) {
    CAPTURE(c);
    const std::string text =
        "[\"0123456789abcdef0123456789" + std::string(1, static_cast<char>(c)) + "tail\"]";
    CHECK_FALSE(parses(text));
  }
  CHECK(parses("[\"0123456789abcdef0123456789 tail\"]"));
}

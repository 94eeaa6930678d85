// The profile table, and the small pieces the profiles are built from (each checked against what
// the SDK's runtime does, with the runtime's own texts).
#include <doctest/doctest.h>

#include "dialect/dialect.hpp"
#include "pipeline/implementation.hpp"
#include "profiles/json_payload.hpp"
#include "profiles/profile_support.hpp"
#include "profiles/profiles.hpp"
#include "profiles/py_value.hpp"
#include "profiles/sdk_lines.hpp"

using namespace harness;
using profiles::JsonRuntime;

TEST_CASE("profiles.table") {
  const auto table = profiles::profile_implementations();
  // The chat profiles, then the Gemini one (tested on its own in google_genai_test.cpp).
  auto expected = profile_test::kProfiles;
  expected.push_back("google-genai-python");
  REQUIRE(table.size() == expected.size());
  for (size_t i = 0; i < table.size(); ++i) {
    const auto &p = table[i];
    CAPTURE(std::string(p.name));
    CHECK(p.name == expected[i]);
    CHECK(p.kind == pipeline::Kind::profile);
    CHECK(!p.description.empty());
    CHECK(p.description.find('\n') == std::string_view::npos);
    const auto names = [&](std::string_view ext) {
      return p.models.find(ext) != std::string_view::npos;
    };
    CHECK((names(".py") || names(".ts") || names(".go"))); // cites the SDK source files
    // Each profile handles exactly one dialect, the one its SDK helper reads.
    int dialects = 0;
    for (std::string_view d : dialect::dialects())
      dialects += p.make_decoder(d) != nullptr ? 1 : 0;
    CHECK(dialects == 1);
    CHECK(pipeline::handles(p, profile_test::dialect_of(p.name)));
    CHECK(pipeline::find_implementation(p.name) != nullptr);
  }
}

// Python's int(), for openai-python's `retry:` field.
TEST_CASE("profiles.python-int-accepts") {
  for (const char *yes : {"0", "3000", "007", "+5", "-5", " 12 ", "1_000", "\t9"})
    CHECK_MESSAGE(profiles::python_int_accepts(yes), yes);
  for (const char *no : {"", " ", "+", "1_", "_1", "1__0", "1.5", "0x10", "12a", "1 2"})
    CHECK_MESSAGE(!profiles::python_int_accepts(no), no);
}

// bytes.decode("utf-8") failures, worded as CPython words them.
TEST_CASE("profiles.python-utf8-check") {
  CHECK(profiles::python_utf8_check("data: caf\xC3\xA9").ok);
  CHECK(profiles::python_utf8_check("\xF0\x9F\x98\x80").ok);
  const auto check = [](std::string_view line, size_t position, std::string_view message) {
    const auto r = profiles::python_utf8_check(line);
    CAPTURE(std::string(line));
    CHECK(!r.ok);
    CHECK(r.position == position);
    CHECK(r.message == message);
  };
  check("ab\xFF", 2, "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
  check("\xC0\x80", 0, "'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte");
  check("x\xE2\x28", 1,
        "'utf-8' codec can't decode byte 0xe2 in position 1: invalid continuation byte");
  check("\xE2\x82\x28", 0,
        "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
  check("\xED\xA0\x80", 0,
        "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
  check("ok\xE2\x82", 2,
        "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data");
  check("\xF0", 0, "'utf-8' codec can't decode byte 0xf0 in position 0: unexpected end of data");
}

// JSON syntax errors as json.loads, JSON.parse (Node 22) and encoding/json word them.
TEST_CASE("profiles.json-error-texts") {
  const auto text = [](std::string_view json, JsonRuntime rt) {
    rapidjson::Document doc;
    return profiles::parse_json(json, rt, doc).value_or("(accepted)");
  };
  CHECK(text("{\"a\":1}", JsonRuntime::python) == "(accepted)");
  CHECK(text("", JsonRuntime::python) == "Expecting value: line 1 column 1 (char 0)");
  CHECK(text("", JsonRuntime::v8) == "Unexpected end of JSON input");
  CHECK(text("", JsonRuntime::go) == "unexpected end of JSON input");
  CHECK(text("{\"a\":1} x", JsonRuntime::python) == "Extra data: line 1 column 9 (char 8)");
  CHECK(text("{\"a\":1} x", JsonRuntime::v8) ==
        "Unexpected non-whitespace character after JSON at position 8 (line 1 column 9)");
  CHECK(text("{\"a\":1} x", JsonRuntime::go) == "invalid character 'x' after top-level value");
  CHECK(text("{\"a\" 1}", JsonRuntime::python) ==
        "Expecting ':' delimiter: line 1 column 6 (char 5)");
  CHECK(text("{\"a\" 1}", JsonRuntime::v8) ==
        "Unexpected number in JSON at position 5 (line 1 column 6)");
  CHECK(text("{\"a\" 1}", JsonRuntime::go) == "invalid character '1' after object key");
  CHECK(text("{\"a\":1,}", JsonRuntime::v8) ==
        "Expected double-quoted property name in JSON at position 7 (line 1 column 8)");
  CHECK(text("{x}", JsonRuntime::v8) ==
        "Expected property name or '}' in JSON at position 1 (line 1 column 2)");
  CHECK(text("{x}", JsonRuntime::python) ==
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
  CHECK(text("[1 2]", JsonRuntime::go) == "invalid character '2' after array element");
  CHECK(text("\"ab", JsonRuntime::python) ==
        "Unterminated string starting at: line 1 column 1 (char 0)");
  CHECK(text("\xEF\xBB\xBF{}", JsonRuntime::python) ==
        "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
  CHECK(text("[\"\x01\"]", JsonRuntime::go) == "invalid character '\\x01' in string literal");
  CHECK(text("a\nb", JsonRuntime::python) == "Expecting value: line 1 column 1 (char 0)");
  CHECK(text("{\"x\":\n}", JsonRuntime::python) == "Expecting value: line 2 column 1 (char 6)");
  // V8 shows the source when it is short, and 10 characters around the error otherwise.
  CHECK(text("{\"choices\": [oops, 1, 2, 3]}", JsonRuntime::v8) ==
        "Unexpected token 'o', ...\"hoices\": [oops, 1, 2\"... is not valid JSON");
  // A raw control character inside a string.
  CHECK(text("[\"a\tb\"]", JsonRuntime::python) ==
        "Invalid control character at: line 1 column 4 (char 3)");
  CHECK(text("[\"a\tb\"]", JsonRuntime::v8) ==
        "Bad control character in string literal in JSON at position 3 (line 1 column 4)");
  CHECK(text("[\"\\x\"]", JsonRuntime::go) == "invalid character 'x' in string escape code");
  // A lone high surrogate escape is accepted, as all three runtimes accept it.
  CHECK(text("{\"a\":\"\\ud800\"}", JsonRuntime::v8) == "(accepted)");
  // Go replaces each ill-formed byte by U+FFFD inside strings.
  rapidjson::Document doc;
  CHECK(!profiles::parse_json("\"\xE2\x82(\"", JsonRuntime::go, doc));
  CHECK(std::string(doc.GetString()) == "\xEF\xBF\xBD\xEF\xBF\xBD(");
}

// openai-python's accumulate_delta on Python values.
TEST_CASE("profiles.python-accumulate-delta") {
  const auto py = [](std::string_view json) {
    rapidjson::Document doc;
    REQUIRE(!profiles::parse_json(json, JsonRuntime::python, doc));
    return profiles::PyValue::from_json(doc);
  };
  auto acc = py(R"({"role":"assistant","content":null,"n":1,"type":"a"})");
  REQUIRE(!profiles::accumulate_delta(
      acc, py(R"({"role":"assistant","content":"x","n":2,"type":"b","extra":[1]})")));
  CHECK(acc.repr() ==
        "{'role': 'assistantassistant', 'content': 'x', 'n': 3, 'type': 'b', 'extra': [1]}");
  // A None delta value leaves what is there; "type" is overwritten even by None.
  REQUIRE(!profiles::accumulate_delta(acc, py(R"({"role":null,"type":null,"extra":[2]})")));
  CHECK(acc.repr() ==
        "{'role': 'assistantassistant', 'content': 'x', 'n': 3, 'type': None, 'extra': [1, 2]}");
  // Lists of dicts merge by each entry's index; a new index is inserted (clamped to the end).
  auto calls = py(R"({"tool_calls":[{"index":0,"id":"a","function":{"arguments":"{"}}]})");
  REQUIRE(!profiles::accumulate_delta(
      calls,
      py(R"({"tool_calls":[{"index":0,"id":"a","function":{"arguments":"}"}},{"index":5,"id":"b"}]})")));
  CHECK(calls.repr() ==
        "{'tool_calls': [{'index': 0, 'id': 'aa', 'function': {'arguments': '{}'}}, "
        "{'index': 5, 'id': 'b'}]}");
  CHECK(profiles::accumulate_delta(calls, py(R"({"tool_calls":[{"id":"c"}]})")) ==
        "Expected list delta entry to have an `index` key; {'id': 'c'}");
  CHECK(profiles::accumulate_delta(calls, py(R"({"tool_calls":[3]})")) ==
        "Unexpected list delta entry is not a dictionary: 3");
  CHECK(profiles::accumulate_delta(calls, py(R"({"tool_calls":[{"index":"0"}]})")) ==
        "Unexpected, list delta entry `index` value is not an integer; '0'");
}

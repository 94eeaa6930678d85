// The google-genai-python profile on hand-made Gemini streams: what _iter_response_stream yields,
// what raises, and what the caller keeps. Each stream also runs byte by byte (drip) and must give
// the same result.
#include <doctest/doctest.h>

#include <string>

#include "dialect/dialect.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/replay.hpp"
#include "split/split.hpp"

using namespace harness;

namespace {

StreamResult genai(std::string_view stream) {
  const auto *impl = pipeline::find_implementation("google-genai-python");
  REQUIRE(impl != nullptr);
  const auto whole = pipeline::replay(stream, *impl, dialect::kGemini, split::Split{});
  const auto drip =
      pipeline::replay(stream, *impl, dialect::kGemini, split::Split{split::Split::Kind::bytes, 1});
  CHECK(drip == whole);
  return whole;
}

constexpr std::string_view kText = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": "
                                   "\"Hi\"}],\"role\": \"model\"}}]}\r\n\r\n";
constexpr std::string_view kFinish =
    "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" there\"}]},\"finishReason\": "
    "\"STOP\"}],\"usageMetadata\": {\"promptTokenCount\": 3,\"candidatesTokenCount\": 2,"
    "\"totalTokenCount\": 5}}\r\n\r\n";

} // namespace

TEST_CASE("profiles.google-genai-python.text-finish-usage-and-the-last-event-without-blank-line") {
  auto r = genai(std::string(kText) + std::string(kFinish));
  CHECK(r.done);
  CHECK(!r.raised);
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].role == "model");
  CHECK(r.choices[0].text == "Hi there");
  CHECK(r.choices[0].finish_reason == "STOP");
  REQUIRE(r.usage);
  CHECK(r.usage->total_tokens == 5);
  // The gathered data lines are yielded at the end of the body, blank line or not.
  const std::string cut(kFinish.substr(0, kFinish.size() - 2));
  r = genai(std::string(kText) + cut);
  CHECK(r.choices[0].finish_reason == "STOP");
  CHECK(r.events == 2);
}

TEST_CASE("profiles.google-genai-python.non-data-lines-are-json-error-bodies") {
  // A comment is parsed as JSON and raises.
  auto r = genai(": keep-alive\n\n" + std::string(kText));
  CHECK(r.raised == "Failed to parse response as JSON. Raw response: : keep-alive");
  CHECK(r.choices.empty());
  // data: without the space too.
  r = genai("data:{\"candidates\": []}\n\n");
  CHECK(r.raised == "Failed to parse response as JSON. Raw response: data:{\"candidates\": []}");
  // An error body sent as plain JSON over several lines is read once its braces balance and
  // raises APIError (ClientError for 499): '{code} {status}. {repr of the body}'.
  r = genai(std::string(kText) +
            "{\n  \"error\": {\n    \"code\": 499,\n    \"message\": \"cancelled\",\n"
            "    \"status\": \"CANCELLED\"\n  }\n}\n");
  CHECK(r.choices[0].text == "Hi");
  CHECK(r.raised ==
        "499 CANCELLED. {'error': {'code': 499, 'message': 'cancelled', 'status': 'CANCELLED'}}");
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].source == "payload");
}

TEST_CASE("profiles.google-genai-python.error-chunks-raise-only-with-error-first") {
  auto r = genai("data: {\"error\": {\"message\": \"boom\", \"status\": \"INTERNAL\"}}\n\n");
  CHECK(r.raised == "'<=' not supported between instances of 'int' and 'NoneType'");
  r = genai(
      "data: {\"error\": {\"code\": 500, \"message\": \"boom\", \"status\": \"INTERNAL\"}}\n\n");
  CHECK(r.raised ==
        "500 INTERNAL. {'error': {'code': 500, 'message': 'boom', 'status': 'INTERNAL'}}");
  // json.dumps(chunk).startswith('{"error":') is false when error is not the first key.
  r = genai("data: {\"candidates\": [], \"error\": {\"code\": 500}}\n\n");
  CHECK(!r.raised);
}

TEST_CASE("profiles.google-genai-python.candidate-zero-only-and-the-last-finish-reason") {
  const auto r = genai(
      "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}, {\"text\": \"t\", "
      "\"thought\": true}, {\"functionCall\": {\"name\": \"f\", \"args\": {\"x\": 1}}}]}},"
      "{\"content\": {\"parts\": [{\"text\": \"b\"}]}, \"index\": 1}]}\n\n"
      "data: {\"candidates\": [{\"finishReason\": \"STOP\"}]}\n\n"
      "data: {\"candidates\": [{\"finishReason\": \"MAX_TOKENS\"}]}\n\n");
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "a");
  CHECK(r.choices[0].reasoning == "t");
  REQUIRE(r.choices[0].tool_calls.size() == 1);
  CHECK(r.choices[0].tool_calls[0].arguments == "{\"x\":1}");
  CHECK(r.choices[0].finish_reason == "MAX_TOKENS");
}

// httpx hands the SDK text decoded as UTF-8 with replacement: an ill-formed byte is U+FFFD, and
// the result document stays valid JSON (a fuzz-pipeline find: the byte was kept as it was).
TEST_CASE("profiles.google-genai-python.ill-formed-utf8-arrives-as-replacement-characters") {
  auto r = genai("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\xff"
                 "b\"}]},\"finishReason\": \"STOP\"}]}\r\n\r\n");
  REQUIRE(r.choices.size() == 1);
  CHECK(r.choices[0].text == "a\xEF\xBF\xBD"
                             "b");
}

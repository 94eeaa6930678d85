// schema.*: the schemas accept good documents and reject bad ones, as RapidJSON enforces them.
#include <doctest/doctest.h>

#include <string>

#include "corpus/schemas.hpp"
#include "corpus_test_support.hpp"
#include "json/rapidjson.hpp"

using harness::corpus::validate_against;
using namespace corpus_test;

namespace {

/// "" when `text` matches `schema`, else the error (or "parse error").
std::string check(const std::string &schema, const std::string &text) {
  use_repo_schemas();
  rapidjson::Document doc;
  doc.Parse<harness::json::kParseFlags>(text.data(), text.size());
  if (doc.HasParseError())
    return "parse error at byte " + std::to_string(doc.GetErrorOffset());
  harness::Status s = validate_against(doc, schema, "doc");
  return s ? std::string() : s.error().str();
}

bool accepts(const std::string &schema, const std::string &text) {
  std::string e = check(schema, text);
  CAPTURE(e);
  return e.empty();
}

/// The error when rejected; "ACCEPTED" otherwise, so a CHECK on the message fails readably.
std::string rejection(const std::string &schema, const std::string &text) {
  std::string e = check(schema, text);
  return e.empty() ? "ACCEPTED" : e;
}

bool has(const std::string &text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

const std::string kResult = "result.schema.json";
const std::string kCase = "case.schema.json";

const std::string kChoice = R"({"index": 0, "role": "assistant", "text": "hi", "reasoning": "",
  "refusal": "", "finish_reason": "stop", "tool_calls": [
    {"index": 0, "id": "call_1", "type": "function", "name": "f", "arguments": "{}"},
    {"index": 1, "id": null, "type": null, "name": null, "arguments": ""}]})";

std::string result_doc(const std::string &extra = "",
                       const std::string &usage =
                           R"({"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3,
                               "reasoning_tokens": null, "cached_tokens": 0})") {
  return R"({"events": 3, "done": true, "choices": [)" + kChoice + R"(], "usage": )" + usage +
         R"(, "errors": [{"message": "overloaded", "source": "payload", "offset": 10, "event": 1},
                          {"message": "bare"}],
         "findings": [{"rule": "sse.payload-on-next-line", "severity": "warning", "offset": 5,
                       "event": 2, "message": "JSON on the line after a bare data:"}])" +
         extra + "}";
}

} // namespace

TEST_CASE("schema.result-accepts-good-documents") {
  CHECK(accepts(kResult, result_doc()));
  CHECK(accepts(kResult, result_doc("", "null")));
  CHECK(accepts(kResult, result_doc(R"(, "meta": {"case": "seeds/x", "parser": "whatwg",
                                        "split": "bytewise", "client": "anything"})")));
  CHECK(accepts(kResult, R"({"events": 0, "done": false, "choices": [], "usage": null,
                             "errors": [], "findings": []})"));
}

TEST_CASE("schema.result-rejects-wrong-types") {
  std::string doc = result_doc();
  std::string e = rejection(
      kResult, std::string(doc).replace(doc.find("\"events\": 3"), 11, "\"events\": \"3\""));
  CHECK(has(e, "doc: does not match result.schema.json: at /events, \"type\" fails"));
  CHECK(has(
      rejection(kResult, std::string(doc).replace(doc.find("\"events\": 3"), 11, "\"events\": -1")),
      "at /events, \"minimum\" fails"));
  CHECK(has(rejection(kResult,
                      std::string(doc).replace(doc.find("\"events\": 3"), 11, "\"events\": 3.5")),
            "at /events, \"type\" fails"));
  CHECK(has(
      rejection(kResult, std::string(doc).replace(doc.find("\"done\": true"), 12, "\"done\": 1")),
      "at /done"));
  CHECK(has(rejection(kResult,
                      std::string(doc).replace(doc.find("\"text\": \"hi\""), 12, "\"text\": null")),
            "at /choices/0/text"));
  CHECK(has(rejection(kResult, result_doc("", R"({"prompt_tokens": "1", "completion_tokens": 2,
                                          "total_tokens": 3, "reasoning_tokens": 0})")),
            "at /usage/prompt_tokens"));
  CHECK(has(rejection(kResult, std::string(doc).replace(doc.find("\"warning\""), 9, "\"fatal\"")),
            "at /findings/0/severity, \"enum\" fails"));
}

TEST_CASE("schema.result-rejects-bad-rule-ids") {
  std::string doc = result_doc();
  const size_t at = doc.find("\"sse.payload-on-next-line\"");
  for (const char *rule :
       {"\"SSE.x\"", "\"sse\"", "\"sse.x y\"", "\"sse.\"", "\".x\"", "\"sse.x_y\""}) {
    CAPTURE(rule);
    std::string bad = std::string(doc).replace(at, 26, rule);
    CHECK(has(rejection(kResult, bad), "at /findings/0/rule, \"pattern\" fails"));
  }
  CHECK(accepts(kResult, std::string(doc).replace(at, 26, "\"chat.finish-reason-2x\"")));
}

TEST_CASE("schema.result-rejects-missing-keys") {
  std::string e = rejection(kResult, R"({"events": 0, "done": false, "choices": [], "usage": null,
                                         "errors": []})");
  CHECK(has(e, "at the document root, \"required\" fails"));
  CHECK(has(e, "missing \"findings\""));
  std::string doc = result_doc();
  CHECK(has(rejection(kResult, std::string(doc).replace(doc.find("\"arguments\": \"\""), 15,
                                                        "\"args\": \"\"")),
            "/choices/0/tool_calls/1"));
  CHECK(has(rejection(kResult, result_doc("", R"({"prompt_tokens": 1})")),
            "missing \"completion_tokens\", \"total_tokens\", \"reasoning_tokens\""));
  std::string no_message =
      rejection(kResult, std::string(doc).replace(doc.find("\"message\": \"bare\""), 17,
                                                  "\"source\": \"event\""));
  CAPTURE(no_message);
  CHECK(has(no_message, "at /errors/1, \"required\" fails (schema #/definitions/error): "
                        "missing \"message\""));
}

TEST_CASE("schema.result-rejects-unknown-keys") {
  CHECK(has(rejection(kResult, result_doc(R"(, "extra": 1)")),
            "at /extra, \"additionalProperties\" fails"));
  std::string doc = result_doc();
  CHECK(
      has(rejection(kResult, std::string(doc).replace(doc.find("\"refusal\""), 9, "\"refusals\"")),
          "at /choices/0/refusals, \"additionalProperties\" fails"));
  CHECK(has(rejection(kResult, result_doc(R"(, "meta": [])")), "at /meta, \"type\" fails"));
}

TEST_CASE("schema.every-bundled-case-validates") {
  size_t cases = 0;
  for (const auto &entry : fs::recursive_directory_iterator(kCorpusDir)) {
    if (entry.path().filename() != "case.json")
      continue;
    CAPTURE(entry.path().string());
    CHECK(accepts(kCase, slurp(entry.path())));
    ++cases;
  }
  CHECK(cases >= 146); // the 2 seeds, the 65 real captures and the 79 spec vectors
}

TEST_CASE("schema.bundled-deviations-validate") {
  CHECK(accepts("deviations.schema.json", slurp(kCorpusDir / "deviations.json")));
  CHECK(has(rejection("deviations.schema.json",
                      R"({"deviations_format": 1, "deviations": [
                           {"impl": "whatwg", "case": "*", "reason": "r", "feilds": ["done"]}]})"),
            "additionalProperties"));
  CHECK(has(rejection("deviations.schema.json",
                      R"({"deviations_format": 1, "deviations": [{"impl": "whatwg", "case": "*"}]})"),
            "required"));
  CHECK(has(rejection("deviations.schema.json",
                      R"({"deviations_format": 1, "deviations": [
                           {"impl": "whatwg", "case": "*", "reason": "r", "variant": ""}]})"),
            "minLength"));
}

TEST_CASE("schema.case-accepts-minimal-and-full-expectations") {
  CHECK(accepts(kCase, minimal_case_json("s.sse")));
  std::string full = minimal_case_json("s.sse");
  full.replace(full.find("\"expect\": {}"), 12,
               R"("expect": {
    "default": {"events": 2, "done": true, "choices": [)" +
                   kChoice + R"(],
                "usage": null, "errors": [], "findings": {"sse.payload-on-next-line": 2}},
    "whatwg": {"events": 0, "findings": {}}})");
  CHECK(accepts(kCase, full));
  std::string with_request = minimal_case_json("s.sse");
  with_request.replace(with_request.find("\"request\": null"), 15,
                       R"("request": {"method": "POST", "url": "https://example.invalid/v1",
                          "headers": {"Authorization": "Bearer KEY"}, "body": [1, "x"],
                          "text": "curl ..."})");
  CHECK(accepts(kCase, with_request));
}

TEST_CASE("schema.case-rejects-bad-documents") {
  const std::string base = minimal_case_json("s.sse");
  auto with = [&](const std::string &from, const std::string &to) {
    std::string doc = base;
    size_t at = doc.find(from);
    REQUIRE(at != std::string::npos);
    return doc.replace(at, from.size(), to);
  };
  auto expecting = [&](const std::string &expect) {
    return with("\"expect\": {}", "\"expect\": " + expect);
  };

  CHECK(has(rejection(kCase, with("\"case_format\": 1", "\"case_format\": 2")),
            "at /case_format, \"enum\" fails"));
  CHECK(has(rejection(kCase, with("\"title\": \"t\"", "\"title\": \"\"")),
            "at /title, \"minLength\" fails"));
  CHECK(has(rejection(kCase, with("\"reconstructed\": false", "\"reconstructed\": \"no\"")),
            "at /provenance/reconstructed, \"type\" fails"));
  CHECK(has(rejection(kCase, with("\"dialect\": \"openai-chat\"", "\"dialect\": \"soap\"")),
            "at /dialect, \"enum\" fails"));
  CHECK(has(rejection(kCase, with("\"tags\": []", "\"tags\": [\"no-kind\"]")),
            "at /tags/0, \"pattern\" fails"));
  CHECK(has(rejection(kCase, with("\"request\": null", "\"request\": {\"method\": \"GET\"}")),
            "missing \"url\""));
  CHECK(has(
      rejection(kCase, with("\"request\": null",
                            R"("request": {"method": "GET", "url": "u", "headers": {"A": 1}})")),
      "at /request/headers/A, \"type\" fails"));
  CHECK(has(rejection(kCase, with("\"request\": null", "\"request\": \"curl\"")),
            "at /request, \"type\" fails"));
  CHECK(has(rejection(kCase, with("\"file\": \"s.sse\"", "\"file\": \"a/s.sse\"")),
            "at /stream/file, \"pattern\" fails"));
  CHECK(has(rejection(kCase, with("\"file\": \"s.sse\"", "\"file\": \"a\\\\s.sse\"")),
            "at /stream/file, \"pattern\" fails"));

  // Expectations: known keys only, right types; findings are counts by rule id.
  CHECK(has(rejection(kCase, expecting(R"({"default": {"event": 1}})")),
            "at /expect/default/event, \"additionalProperties\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"whatwg": {"done": "yes"}})")),
            "at /expect/whatwg/done, \"type\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"whatwg": []})")), "at /expect/whatwg, \"type\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"default": {"findings": [{"rule": "sse.x"}]}})")),
            "at /expect/default/findings, \"type\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"default": {"findings": {"sse.x": -1}}})")),
            "at /expect/default/findings/sse.x, \"minimum\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"default": {"findings": {"sse.x": "2"}}})")),
            "at /expect/default/findings/sse.x, \"type\" fails"));
  CHECK(has(rejection(kCase, expecting(R"({"default": {"choices": [{"index": 0}]}})")),
            "at /expect/default/choices/0, \"required\" fails"));
}

TEST_CASE("schema.unknown-schema-file-is-an-error") {
  use_repo_schemas();
  rapidjson::Document doc;
  doc.SetObject();
  harness::Status s = validate_against(doc, "no-such.schema.json", "doc");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().str() == (kSchemasDir / "no-such.schema.json").string() + ": no such file");
}

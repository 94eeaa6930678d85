// corpus.*: loading case.json and the stream it names.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "corpus/case.hpp"
#include "corpus_test_support.hpp"

using harness::corpus::Case;
using harness::corpus::load_case;
using harness::source::Format;
using namespace corpus_test;

namespace {

bool contains(const std::string &text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("corpus.load-seed-000") {
  use_repo_schemas();
  auto r = load_case(kSeed000Dir, "seeds/000_c359a6ca5f32f75d");
  REQUIRE_MESSAGE(r.ok(), r.error().str());
  const Case &c = r.value();
  CHECK(c.id == "seeds/000_c359a6ca5f32f75d");
  CHECK(c.dialect == "openai-chat");
  CHECK(c.provenance.provider == "xai");
  CHECK(c.provenance.model == "grok-3");
  CHECK(c.provenance.via == "OpenAI-compatible proxy");
  CHECK_FALSE(c.provenance.reconstructed);
  CHECK(c.capture.format == Format::raw);
  CHECK(c.capture.stream().size() == 6726);
  CHECK(std::find(c.tags.begin(), c.tags.end(), "quirk:payload-on-next-line") != c.tags.end());
  REQUIRE(c.document);
  CHECK((*c.document)["request"].IsNull());
}

TEST_CASE("corpus.load-seed-004") {
  use_repo_schemas();
  auto r = load_case(kSeed004Dir, "seeds/004_424fe411654300b4");
  REQUIRE_MESSAGE(r.ok(), r.error().str());
  const Case &c = r.value();
  CHECK(c.provenance.model == "grok-beta");
  CHECK(c.provenance.via.empty());
  CHECK(c.capture.format == Format::markdown);
  CHECK(c.capture.stream_begin == 713);
  CHECK(c.capture.stream_end == 32714);
  CHECK(c.capture.stream().ends_with("data: [DONE]\n"));
}

TEST_CASE("corpus.seed-004-request-matches-transcript") {
  use_repo_schemas();
  auto r = load_case(kSeed004Dir, "seeds/004_424fe411654300b4");
  REQUIRE(r.ok());
  const rapidjson::Value &req = (*r->document)["request"];
  REQUIRE(req.IsObject());
  CHECK(std::string(req["method"].GetString()) == "POST");
  CHECK(std::string(req["url"].GetString()) == "https://api.x.ai/v1/chat/completions");
  CHECK(std::string(req["headers"]["Authorization"].GetString()) == "Bearer XAI_API_KEY");
  CHECK(std::string(req["headers"]["Content-Type"].GetString()) == "application/json");

  // `text` is the first fenced block of the transcript, byte for byte.
  const std::string &file = r->capture.bytes;
  std::string text(req["text"].GetString(), req["text"].GetStringLength());
  REQUIRE(file.starts_with("```bash\n"));
  CHECK(file.compare(8, text.size(), text) == 0);
  CHECK(file.compare(8 + text.size(), 4, "```\n") == 0);

  // `body` is the JSON passed with -d.
  size_t open = text.find("-d '") + 4;
  size_t close = text.rfind('\'');
  rapidjson::Document body;
  body.Parse<harness::json::kParseFlags>(text.data() + open, close - open);
  REQUIRE_FALSE(body.HasParseError());
  CHECK(body == req["body"]);
  CHECK(std::string(req["body"]["model"].GetString()) == "grok-beta");
}

TEST_CASE("corpus.load-case-invalid-json-names-offset") {
  use_repo_schemas();
  TempDir tmp;
  write_file(tmp / "c" / "case.json", "{\"case_format\": 1,\n \"title\": }");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  std::string path = (tmp / "c" / "case.json").string();
  CHECK(r.error().file == path);
  REQUIRE(r.error().offset);
  CHECK(*r.error().offset == 29); // the '}' where a value should start
  CHECK(r.error().str().starts_with(path + ": byte 29: invalid JSON: "));
}

TEST_CASE("corpus.load-case-invalid-utf8-is-a-parse-error") {
  use_repo_schemas();
  TempDir tmp;
  write_file(tmp / "c" / "case.json", "{\"title\": \"\xff\"}");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CHECK(contains(r.error().message, "invalid JSON"));
}

TEST_CASE("corpus.load-case-schema-violation-names-pointer") {
  use_repo_schemas();
  TempDir tmp;
  std::string json = minimal_case_json("s.sse");
  json.replace(json.find("\"raw\""), 5, "\"binary\"");
  write_file(tmp / "c" / "case.json", json);
  write_file(tmp / "c" / "s.sse", "data: x\n\n");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == (tmp / "c" / "case.json").string());
  CAPTURE(r.error().message);
  CHECK(contains(r.error().message, "at /stream/capture"));
  CHECK(contains(r.error().message, "\"enum\""));
}

TEST_CASE("corpus.load-case-missing-key-is-named") {
  use_repo_schemas();
  TempDir tmp;
  std::string json = minimal_case_json("s.sse");
  json.replace(json.find("\"licence\": \"CC0-1.0\","), 21, "");
  write_file(tmp / "c" / "case.json", json);
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CAPTURE(r.error().message);
  CHECK(contains(r.error().message, "at /provenance, \"required\" fails"));
  CHECK(contains(r.error().message, "missing \"licence\""));
}

TEST_CASE("corpus.load-case-unknown-key-is-named") {
  use_repo_schemas();
  TempDir tmp;
  std::string json = minimal_case_json("s.sse");
  json.replace(json.find("\"tags\""), 6, "\"tagz\"");
  write_file(tmp / "c" / "case.json", json);
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CAPTURE(r.error().message);
  CHECK(contains(r.error().message, "at /tagz, \"additionalProperties\" fails"));
}

TEST_CASE("corpus.load-case-stream-file-missing") {
  use_repo_schemas();
  TempDir tmp;
  write_file(tmp / "c" / "case.json", minimal_case_json("absent.sse"));
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().str() == (tmp / "c" / "absent.sse").string() + ": no such file");
}

TEST_CASE("corpus.load-case-stream-name-must-stay-in-folder") {
  use_repo_schemas();
  TempDir tmp;
  write_file(tmp / "outside.sse", "data: x\n\n");
  for (const char *name : {"..", "."}) {
    CAPTURE(name);
    write_file(tmp / "c" / "case.json", minimal_case_json(name));
    auto r = load_case(tmp / "c", "c");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == (tmp / "c" / "case.json").string());
    CHECK(contains(r.error().message, "must be a plain file name inside the case folder"));
  }
  // With a separator the schema already refuses it.
  write_file(tmp / "c" / "case.json", minimal_case_json("../outside.sse"));
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CAPTURE(r.error().message);
  CHECK(contains(r.error().message, "at /stream/file, \"pattern\" fails"));
}

TEST_CASE("corpus.load-case-declared-markdown-without-block") {
  use_repo_schemas();
  TempDir tmp;
  write_file(tmp / "c" / "case.json", minimal_case_json("s.md", "markdown"));
  write_file(tmp / "c" / "s.md", "data: raw after all\n\n");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == (tmp / "c" / "s.md").string());
}

TEST_CASE("corpus.load-case-finding-counts-need-rule-ids") {
  use_repo_schemas();
  TempDir tmp;
  std::string json = minimal_case_json("s.sse");
  json.replace(json.find("\"expect\": {}"), 12,
               R"("expect": {"default": {"findings": {"sse.ok": 1}},
                             "whatwg": {"findings": {"Blank line": 1}}})");
  write_file(tmp / "c" / "case.json", json);
  write_file(tmp / "c" / "s.sse", "data: x\n\n");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().str() == (tmp / "c" / "case.json").string() +
                               ": at /expect/whatwg/findings: \"Blank line\" is not a rule id "
                               "(layer.name in lowercase, e.g. sse.payload-on-next-line)");
}

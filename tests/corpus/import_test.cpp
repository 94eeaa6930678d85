// corpus.import-* / corpus.har-* / corpus.jsonl-* / corpus.curl-* / corpus.diff-* / corpus.atomic-*:
// the pieces `sse-harness import` and `bless` are built from, without the binary.
#include <doctest/doctest.h>

#include <string>

#include "corpus/atomic_write.hpp"
#include "corpus/bless_diff.hpp"
#include "corpus/case_writer.hpp"
#include "corpus/import.hpp"
#include "corpus/import_request.hpp"
#include "corpus_test_support.hpp"
#include "source/har.hpp"
#include "source/jsonl.hpp"

using namespace corpus_test;
namespace corpus = harness::corpus;
namespace source = harness::source;

namespace {

std::string har_with(const std::string &entries) {
  return R"({"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [)" +
         entries + "]}}";
}

std::string har_entry(const std::string &url, const std::string &mime, const std::string &text,
                      const std::string &extra_content = "") {
  return R"({"startedDateTime": "2025-01-01T00:00:00Z",
    "request": {"method": "POST", "url": ")" + url + R"(",
      "headers": [{"name": ":authority", "value": "x"},
                  {"name": "Authorization", "value": "Bearer sk-live-1234567890"},
                  {"name": "Content-Type", "value": "application/json"}],
      "postData": {"mimeType": "application/json", "text": "{\"stream\":true}"}},
    "response": {"status": 200, "content": {"mimeType": ")" +
         mime + R"(", "text": ")" + text + "\"" + extra_content + "}}}";
}

size_t count_of(const std::string &text, const std::string &part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("corpus.import-case-names") {
  CHECK(corpus::check_case_name("openai/my-case").ok());
  CHECK(corpus::check_case_name("a").ok());
  for (const char *bad : {"", "/abs/x", "a/../b", "..", "a//b", "a/", "./a", "a/.hidden", "a\\b"}) {
    CAPTURE(bad);
    auto s = corpus::check_case_name(bad);
    CHECK_FALSE(s.ok());
  }
}

TEST_CASE("corpus.import-format-detection") {
  CHECK(corpus::detect_import_format("data: {}\n\n") == corpus::ImportFormat::raw);
  CHECK(corpus::detect_import_format("{\"a\":1}\n\n{\"b\":2}\n") == corpus::ImportFormat::jsonl);
  CHECK(corpus::detect_import_format("{\"a\":1}\n[1]\n") == corpus::ImportFormat::raw);
  CHECK(corpus::detect_import_format(har_with("")) == corpus::ImportFormat::har);
  CHECK(corpus::detect_import_format("{\"log\": {}}") == corpus::ImportFormat::jsonl);
  CHECK(corpus::detect_import_format("# t\n```\ndata: {}\n```\n") ==
        corpus::ImportFormat::markdown);
  CHECK(corpus::parse_import_format("har") == corpus::ImportFormat::har);
  CHECK_FALSE(corpus::parse_import_format("yaml"));
}

TEST_CASE("corpus.jsonl-lines-become-events-exactly") {
  auto sse = source::jsonl_to_sse("{\"a\":1}\n\n  {\"b\" : 2}\r\n", "f.jsonl");
  REQUIRE(sse.ok());
  CHECK(*sse == "data: {\"a\":1}\n\ndata:   {\"b\" : 2}\r\n\n");
}

TEST_CASE("corpus.jsonl-errors-name-line-and-byte") {
  auto bad = source::jsonl_to_sse("{\"a\":1}\n{\"b\":}\n", "f.jsonl");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().file == "f.jsonl");
  CHECK(bad.error().offset == 8 + 5); // second line starts at 8; '}' is its byte 5
  CHECK(bad.error().message.find("line 2") != std::string::npos);
  auto array = source::jsonl_to_sse("{}\n[1]\n", "f.jsonl");
  REQUIRE_FALSE(array.ok());
  CHECK(array.error().offset == 3);
  CHECK(array.error().message.find("not a JSON object") != std::string::npos);
  auto empty = source::jsonl_to_sse("\n \n", "f.jsonl");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("empty stream") != std::string::npos);
}

TEST_CASE("corpus.har-picks-the-event-stream-entry") {
  const std::string har =
      har_with(har_entry("https://a.example/page", "text/html", "<html>") + "," +
               har_entry("https://api.example/v1/chat?key=abc123secret&x=1",
                         "text/event-stream; charset=utf-8", "data: {}\\n\\n"));
  auto e = source::read_har(har, "f.har", std::nullopt);
  REQUIRE_MESSAGE(e.ok(), e.error().str());
  CHECK(e->index == 1);
  CHECK(e->stream == "data: {}\n\n");
  CHECK(e->method == "POST");
  CHECK(e->headers.size() == 2); // the :authority pseudo-header is left out
  CHECK(e->body == std::string("{\"stream\":true}"));
  CHECK(e->status == 200);
  auto chosen = source::read_har(har, "f.har", 0);
  REQUIRE(chosen.ok());
  CHECK(chosen->stream == "<html>");
  CHECK_FALSE(source::read_har(har, "f.har", 2).ok());
}

TEST_CASE("corpus.har-base64-several-none-and-missing-body") {
  // "data: {}\n\n" in base64
  const std::string b64 = har_with(
      har_entry("https://x/", "text/event-stream", "ZGF0YTogbnVsbAoK", R"(, "encoding": "base64")"));
  auto e = source::read_har(b64, "f.har", std::nullopt);
  REQUIRE(e.ok());
  CHECK(e->stream == "data: null\n\n");

  const std::string two = har_with(har_entry("https://x/1", "text/event-stream", "a") + "," +
                                   har_entry("https://x/2", "text/event-stream", "b"));
  auto several = source::read_har(two, "f.har", std::nullopt);
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().message.find("--entry") != std::string::npos);
  CHECK(several.error().message.find("0: POST https://x/1") != std::string::npos);
  CHECK(several.error().message.find("1: POST https://x/2") != std::string::npos);

  auto none = source::read_har(har_with(har_entry("https://x/", "application/json", "{}")),
                               "f.har", std::nullopt);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("no entry has a text/event-stream") != std::string::npos);

  auto invalid = source::read_har("{\"log\": [}", "f.har", std::nullopt);
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().offset.has_value());

  CHECK(source::decode_base64("aGk=") == std::string("hi"));
  CHECK(source::decode_base64("aGk") == std::string("hi"));
  CHECK_FALSE(source::decode_base64("a!b="));
  CHECK_FALSE(source::decode_base64("a"));
}

TEST_CASE("corpus.curl-request-is-parsed-and-stripped-of-credentials") {
  const std::string text = "curl https://api.example.com/v1/chat/completions \\\n"
                           "  -H \"Content-Type: application/json\" \\\n"
                           "  -H 'Authorization: Bearer sk-proj-abcdef0123456789' \\\n"
                           "  -H \"x-api-key: live_key_98765\" \\\n"
                           "  -d '{\"model\": \"m\", \"stream\": true}'\n"
                           "echo done\n";
  auto req = corpus::parse_curl(text);
  REQUIRE(req);
  CHECK(req->method == "POST");
  CHECK(req->url == "https://api.example.com/v1/chat/completions");
  REQUIRE(req->headers.size() == 3);
  CHECK(req->headers[1].second == "Bearer REDACTED");
  CHECK(req->headers[2].second == "REDACTED");
  CHECK(req->body == std::string("{\"model\": \"m\", \"stream\": true}"));
  REQUIRE(req->secrets.size() == 2);

  std::string copy = text;
  size_t end = copy.size();
  CHECK(corpus::redact_text(copy, 0, end, req->secrets).empty());
  CHECK(copy.find("sk-proj") == std::string::npos);
  CHECK(copy.find("live_key") == std::string::npos);
  CHECK(end == copy.size());

  // Placeholders stay; -X wins over the data rule; credentials in the query are replaced.
  auto get = corpus::parse_curl("$ curl -X GET \"https://x.example/v1?key=$KEY&q=1\" -H "
                                "\"Authorization: Bearer $OPENAI_API_KEY\"");
  REQUIRE(get);
  CHECK(get->method == "GET");
  CHECK(get->url == "https://x.example/v1?key=$KEY&q=1");
  CHECK(get->headers[0].second == "Bearer $OPENAI_API_KEY");
  CHECK(get->secrets.empty());
  CHECK(corpus::redact_url("https://x/?a=1&api_key=s3cr3t#f") == "https://x/?a=1&api_key=REDACTED#f");
  CHECK(corpus::redact_header("Cookie", "session=abc") == "REDACTED");
  // The same lists as record's (core/credentials.hpp): Set-Cookie, any name holding "token", and
  // a query parameter holding "password" are credentials too.
  CHECK(corpus::redact_header("Set-Cookie", "session=abc") == "REDACTED");
  CHECK(corpus::redact_header("X-Upstream-Token", "t0k") == "REDACTED");
  CHECK(corpus::redact_url("https://x/?user=u&password=pw") ==
        "https://x/?user=u&password=REDACTED");
  CHECK(corpus::redact_header("Authorization", "Bearer XAI_API_KEY") == "Bearer XAI_API_KEY");
  CHECK(corpus::redact_header("Accept", "text/event-stream") == "text/event-stream");
  CHECK_FALSE(corpus::is_placeholder("AKIAIOSFODNN7EXAMPLE"));
  CHECK_FALSE(corpus::parse_curl("wget https://x/"));
}

TEST_CASE("corpus.transcript-request-block-of-seed-004") {
  const std::string file = slurp(kSeed004File);
  auto req = corpus::find_transcript_request(file, 713);
  REQUIRE(req);
  CHECK(req->begin == 8);
  CHECK(file.compare(req->end, 4, "```\n") == 0);
  CHECK(req->curl.url == "https://api.x.ai/v1/chat/completions");
  CHECK(req->curl.secrets.empty()); // "Bearer XAI_API_KEY" is a placeholder already
}

TEST_CASE("corpus.case-writer-reproduces-the-seeds") {
  // The seeds were written in the same format: rendering them changes no byte.
  for (const auto &dir : {kSeed000Dir, kSeed004Dir}) {
    const std::string text = slurp(dir / "case.json");
    rapidjson::Document d;
    d.Parse<harness::json::kParseFlags>(text.data(), text.size());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(corpus::render_case_json(d) == text);
  }
  rapidjson::Document shuffled;
  shuffled.Parse(R"({"expect": {}, "title": "t", "case_format": 1})");
  CHECK(corpus::render_case_json(shuffled) ==
        "{\n  \"case_format\": 1,\n  \"title\": \"t\",\n  \"expect\": {}\n}\n");
}

TEST_CASE("corpus.diff-is-unified-with-context") {
  CHECK(corpus::unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  const std::string diff =
      corpus::unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n", "a/f", "b/f");
  CHECK(diff == "--- a/f\n+++ b/f\n"
                "@@ -2,8 +2,9 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n+10\n");
  const std::string far =
      corpus::unified_diff("a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n", "o", "n");
  CHECK(count_of(far, "@@ ") == 2); // changes more than 2x3 lines apart: two hunks
  CHECK(corpus::unified_diff("", "x\n", "o", "n") == "--- o\n+++ n\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST_CASE("corpus.atomic-write-replaces-whole-and-leaves-no-temp-file") {
  TempDir tmp;
  const auto file = tmp / "case.json";
  write_file(file, "old");
  REQUIRE(corpus::write_file_atomic(file, "new content").ok());
  CHECK(slurp(file) == "new content");
  size_t entries = 0;
  for (const auto &e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);
  auto missing_dir = corpus::write_file_atomic(tmp / "no" / "such" / "f", "x");
  REQUIRE_FALSE(missing_dir.ok());
  CHECK(missing_dir.error().file.find("no/such/f") != std::string::npos);
}

TEST_CASE("corpus.staging-folder-installs-or-vanishes") {
  TempDir tmp;
  const auto target = tmp / "case";
  {
    auto staging = corpus::make_staging(target);
    REQUIRE(staging.ok());
    CHECK(staging->path().filename().string().starts_with(".case.staging-"));
    write_file(staging->path() / "f", "1");
  } // dropped without install: removed
  CHECK(fs::is_empty(tmp.path()));

  auto first = corpus::make_staging(target);
  REQUIRE(first.ok());
  write_file(first->path() / "f", "1");
  REQUIRE(first->install(target, false).ok());
  CHECK(slurp(target / "f") == "1");

  auto second = corpus::make_staging(target);
  REQUIRE(second.ok());
  write_file(second->path() / "g", "2");
  auto refused = second->install(target, false);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "already exists");
  REQUIRE(second->install(target, true).ok());
  CHECK_FALSE(fs::exists(target / "f"));
  CHECK(slurp(target / "g") == "2");
  size_t entries = 0;
  for (const auto &e : fs::directory_iterator(tmp.path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1); // no staging or old folder left beside it
}

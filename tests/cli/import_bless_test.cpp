// cli.import.* / cli.bless.*: `sse-harness import` and `bless` as a user runs them, on tiny inputs
// written to a temporary folder.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/files.hpp"
#include "cli/process.hpp"
#include "json/rapidjson.hpp"

using namespace harness::test;
namespace fs = std::filesystem;

namespace {

/// A chat stream every implementation reassembles the same way.
const std::string kClean =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
    "\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6,"
    "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
    "data: [DONE]\n\n";

/// The same without the final blank line: whatwg drops [DONE], tolerant repairs it.
const std::string kNoFinalBlank = kClean.substr(0, kClean.size() - 1);

/// inode and modification time: equal when the file was not replaced or written.
std::pair<ino_t, int64_t> identity(const fs::path &p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return {st.st_ino, static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

} // namespace

TEST_CASE("cli.import.raw-copies-the-stream-and-check-passes-at-once") {
  TempDir tmp;
  const auto src = tmp.write("capture.sse", kClean);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import", src, "--case", "openai/clean", "--corpus", corpus.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("openai/clean  openai-chat  raw  5 events, done", 0) == 0);
  CHECK(one_line(r.out));
  const fs::path dir = corpus / "openai" / "clean";
  CHECK(tree(corpus) == std::vector<std::string>{"openai", "openai/clean", "openai/clean/case.json",
                                                 "openai/clean/clean.sse"});
  CHECK(slurp(dir / "clean.sse") == kClean);
  auto doc = json_file(dir / "case.json");
  CHECK(std::string(doc["title"].GetString()) == "capture.sse");
  CHECK(std::string(doc["why"].GetString()) == "imported from " + src);
  CHECK(std::string(doc["stream"]["capture"].GetString()) == "raw");
  CHECK(std::string(doc["provenance"]["model"].GetString()) == "gpt-4o-mini");
  CHECK(std::string(doc["provenance"]["provider"].GetString()) == "openai");
  CHECK(std::string(doc["provenance"]["licence"].GetString()) == "unknown");
  CHECK(doc["request"].IsNull());
  CHECK(doc["expect"]["default"]["events"].GetUint64() == 5);
  CHECK_FALSE(doc.HasMember("disputed"));

  auto check = run_harness({"check", dir.string()});
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

TEST_CASE("cli.import.markdown-keeps-the-file-and-records-the-request-without-secrets") {
  TempDir tmp;
  const std::string transcript =
      "# capture\n```bash\ncurl https://api.example.com/v1/chat/completions \\\n"
      "  -H \"Authorization: Bearer sk-live-0123456789abcdef\" \\\n"
      "  -H \"Content-Type: application/json\" \\\n"
      "  -d '{\"model\": \"gpt-4o-mini\", \"stream\": true}'\n```\n\n```\n" +
      kClean + "```\n";
  const auto src = tmp.write("t.md", transcript);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import", src, "--case", "md/one", "--corpus", corpus.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.err, "credential"));
  const fs::path dir = corpus / "md" / "one";
  auto doc = json_file(dir / "case.json");
  CHECK(std::string(doc["stream"]["capture"].GetString()) == "markdown");
  CHECK(std::string(doc["stream"]["file"].GetString()) == "one.md");
  const auto &req = doc["request"];
  REQUIRE(req.IsObject());
  CHECK(std::string(req["method"].GetString()) == "POST");
  CHECK(std::string(req["url"].GetString()) == "https://api.example.com/v1/chat/completions");
  CHECK(std::string(req["headers"]["Authorization"].GetString()) == "Bearer REDACTED");
  CHECK(std::string(req["body"]["model"].GetString()) == "gpt-4o-mini");
  CHECK(has(req["text"].GetString(), "Bearer REDACTED"));
  // The secret is nowhere in the case; the stream block is byte for byte the original's.
  for (const auto &f : {dir / "case.json", dir / "one.md"})
    CHECK_FALSE(has(slurp(f), "sk-live"));
  const std::string copied = slurp(dir / "one.md");
  CHECK(has(copied, "\n```\n" + kClean + "```\n"));
  std::string expected = transcript;
  expected.replace(expected.find("sk-live-0123456789abcdef"), 24, "REDACTED");
  CHECK(copied == expected);
  CHECK(run_harness({"check", dir.string()}).exit_code == 0);
}

TEST_CASE("cli.import.markdown-without-secrets-is-copied-unchanged") {
  TempDir tmp;
  const std::string transcript = "```sh\ncurl https://x.example/v1 -H 'Authorization: Bearer "
                                 "$API_KEY' --json '{\"a\":1}'\n```\n```\n" + kClean + "```\n";
  const auto src = tmp.write("t.txt", transcript);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import", src, "--case", "t", "--corpus", corpus.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(slurp(corpus / "t" / "t.txt") == transcript);
  auto doc = json_file(corpus / "t" / "case.json");
  CHECK(std::string(doc["request"]["headers"]["Authorization"].GetString()) == "Bearer $API_KEY");
  CHECK(std::string(doc["request"]["text"].GetString()) == transcript.substr(6, transcript.find("\n```\n") - 5));
}

TEST_CASE("cli.import.har-takes-the-event-stream-entry-and-strips-secrets") {
  TempDir tmp;
  std::string escaped;
  for (char c : kClean) {
    if (c == '"')
      escaped += "\\\"";
    else if (c == '\n')
      escaped += "\\n";
    else
      escaped += c;
  }
  auto entry = [&](const std::string &url, const std::string &mime, const std::string &text) {
    return R"({"request": {"method": "POST", "url": ")" + url +
           R"(", "headers": [{"name": "x-api-key", "value": "sk-ant-secret-123"},
                             {"name": "Accept", "value": "text/event-stream"}],
                "postData": {"mimeType": "application/json", "text": "{\"model\":\"m\"}"}},
              "response": {"status": 200, "content": {"mimeType": ")" +
           mime + R"(", "text": ")" + text + R"("}}})";
  };
  const std::string har = R"({"log": {"version": "1.2", "entries": [)" +
                          entry("https://x.example/page?token=tok-999", "text/html", "<p>") + "," +
                          entry("https://x.example/v1/chat?token=tok-999", "text/event-stream",
                                escaped) +
                          "]}}";
  const auto src = tmp.write("session.har", har);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import", src, "--case", "h", "--corpus", corpus.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "  har  "));
  CHECK(slurp(corpus / "h" / "h.sse") == kClean);
  auto doc = json_file(corpus / "h" / "case.json");
  const auto &req = doc["request"];
  CHECK(std::string(req["url"].GetString()) == "https://x.example/v1/chat?token=REDACTED");
  CHECK(std::string(req["headers"]["x-api-key"].GetString()) == "REDACTED");
  CHECK(std::string(req["headers"]["Accept"].GetString()) == "text/event-stream");
  CHECK(std::string(req["body"]["model"].GetString()) == "m");
  const std::string json = slurp(corpus / "h" / "case.json");
  CHECK_FALSE(has(json, "sk-ant"));
  CHECK_FALSE(has(json, "tok-999"));
  CHECK(has(json, "\"capture:har\""));

  // Two event-stream entries: an error listing them, unless --entry chooses.
  const std::string two = R"({"log": {"entries": [)" +
                          entry("https://x.example/a", "text/event-stream", escaped) + "," +
                          entry("https://x.example/b", "text/event-stream", escaped) + "]}}";
  const auto src2 = tmp.write("two.har", two);
  auto several = run_harness({"import", src2, "--case", "h2", "--corpus", corpus.string()});
  CHECK(several.exit_code == 2);
  CHECK(one_line(several.err));
  CHECK(has(several.err, "0: POST https://x.example/a"));
  CHECK(has(several.err, "--entry"));
  CHECK_FALSE(fs::exists(corpus / "h2"));
  auto chosen =
      run_harness({"import", src2, "--case", "h2", "--corpus", corpus.string(), "--entry", "1"});
  CHECK(chosen.exit_code == 0);
  CHECK(std::string(json_file(corpus / "h2" / "case.json")["request"]["url"].GetString()) ==
        "https://x.example/b");

  const auto no_stream = tmp.write("none.har", R"({"log": {"entries": [)" +
                                                   entry("https://x/", "text/html", "<p>") + "]}}");
  auto none = run_harness({"import", no_stream, "--case", "h3", "--corpus", corpus.string()});
  CHECK(none.exit_code == 2);
  CHECK(one_line(none.err));
  CHECK(has(none.err, no_stream));
  CHECK(has(none.err, "text/event-stream"));
}

TEST_CASE("cli.import.jsonl-rebuilds-the-stream-and-names-a-bad-line") {
  TempDir tmp;
  const std::string lines = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n"
                            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n";
  const auto src = tmp.write("chunks.jsonl", lines);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import", src, "--case", "j", "--corpus", corpus.string()});
  INFO(r.err);
  REQUIRE(r.exit_code <= 1); // no [DONE]: implementations may disagree on it
  CHECK(has(r.out, "  jsonl  "));
  CHECK(slurp(corpus / "j" / "j.sse") ==
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
  auto doc = json_file(corpus / "j" / "case.json");
  CHECK(doc["provenance"]["reconstructed"].IsTrue());
  CHECK(has(slurp(corpus / "j" / "case.json"), "\"capture:reconstructed\""));

  const auto bad = tmp.write("bad.jsonl", "{\"a\":1}\n{\"a\":2}\n{\"a\" 3}\n");
  auto e = run_harness({"import", bad, "--case", "bad", "--corpus", corpus.string(), "--format",
                        "jsonl"});
  CHECK(e.exit_code == 2);
  CHECK(one_line(e.err));
  CHECK(has(e.err, bad + ": byte 21: line 3: invalid JSON"));
  CHECK_FALSE(fs::exists(corpus / "bad"));
}

TEST_CASE("cli.import.refuses-an-existing-case-and-force-replaces-it") {
  TempDir tmp;
  const auto src = tmp.write("a.sse", kClean);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  REQUIRE(run_harness({"import", src, "--case", "x/c", "--corpus", corpus.string()}).exit_code == 0);
  const std::string before = slurp(corpus / "x" / "c" / "case.json");

  auto again = run_harness({"import", src, "--case", "x/c", "--corpus", corpus.string()});
  CHECK(again.exit_code == 2);
  CHECK(one_line(again.err));
  CHECK(has(again.err, (corpus / "x" / "c").string() + ": already exists"));
  CHECK(slurp(corpus / "x" / "c" / "case.json") == before);

  // --force: the new case replaces the old one whole; nothing else is left beside it.
  const std::string other = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},"
                            "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
  const auto src2 = tmp.write("b.sse", other);
  std::ofstream(corpus / "x" / "c" / "stale.txt") << "old";
  auto forced = run_harness({"import", src2, "--case", "x/c", "--corpus", corpus.string(), "--force",
                             "--meta", tmp.write("m.json", R"({"title": "second"})")});
  INFO(forced.err);
  CHECK(forced.exit_code <= 1);
  CHECK(tree(corpus) ==
        std::vector<std::string>{"x", "x/c", "x/c/c.sse", "x/c/case.json"});
  CHECK(slurp(corpus / "x" / "c" / "c.sse") == other);
  CHECK(std::string(json_file(corpus / "x" / "c" / "case.json")["title"].GetString()) == "second");

  // --force never replaces a folder of cases.
  auto parent = run_harness({"import", src, "--case", "x", "--corpus", corpus.string(), "--force"});
  CHECK(parent.exit_code == 2);
  CHECK(has(parent.err, "not a single case folder"));
  CHECK(fs::exists(corpus / "x" / "c" / "case.json"));
}

TEST_CASE("cli.import.a-failure-leaves-nothing-behind") {
  TempDir tmp;
  const auto src = tmp.write("a.sse", kClean);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  // The tag breaks case.schema.json: found only after the staging folder was filled.
  const auto meta = tmp.write("meta.json", R"({"tags": ["Not A Tag"]})");
  auto r = run_harness({"import", src, "--case", "deep/er/c", "--corpus", corpus.string(), "--meta",
                        meta});
  CHECK(r.exit_code == 2);
  CHECK(one_line(r.err));
  CHECK(has(r.err, meta));
  CHECK(has(r.err, "at /tags/4, \"pattern\" fails"));
  CHECK_FALSE(fs::exists(corpus)); // not even the folders it created on the way

  // With an existing corpus: no staging folder, no half case.
  REQUIRE(run_harness({"import", src, "--case", "ok", "--corpus", corpus.string()}).exit_code == 0);
  const auto before = tree(corpus);
  for (const auto &args : std::vector<std::vector<std::string>>{
           {"import", src, "--case", "ok/c2", "--corpus", corpus.string(), "--meta", meta},
           {"import", tmp.write("empty.sse", ""), "--case", "e", "--corpus", corpus.string()},
           {"import", (fs::path(tmp.path()) / "missing.sse").string(), "--case", "m", "--corpus",
            corpus.string()},
           {"import", tmp.write("text.txt", "hello\n"), "--case", "t", "--corpus", corpus.string()},
           {"import", src, "--case", "../escape", "--corpus", corpus.string()},
           {"import", src, "--case", "a//b", "--corpus", corpus.string()},
           {"import", src, "--case", "ok", "--corpus", corpus.string(), "--format", "xml"},
           {"import", src, "--case", "m2", "--corpus", corpus.string(), "--meta",
            tmp.write("bad-meta.json", R"({"titel": "typo"})")},
       }) {
    auto e = run_harness(args);
    CAPTURE(args[1]);
    CAPTURE(args[3]);
    CHECK(e.exit_code == 2);
    CHECK(one_line(e.err));
    CHECK(tree(corpus) == before);
  }
}

TEST_CASE("cli.import.meta-overrides-the-defaults") {
  TempDir tmp;
  const auto src = tmp.write("a.sse", kClean);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const auto meta = tmp.write("meta.json", R"({
    "title": "A title", "why": "Because.",
    "provenance": {"source": "somewhere", "licence": "MIT", "via": "a gateway"},
    "notes": "noted",
    "request": {"method": "POST", "url": "https://x/?api_key=abcdef",
                "headers": {"Authorization": "Bearer live-secret"}},
    "tags": ["capture:reconstructed", "quirk:made-up"]})");
  auto r = run_harness({"import", src, "--case", "m", "--corpus", corpus.string(), "--meta", meta});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto doc = json_file(corpus / "m" / "case.json");
  CHECK(std::string(doc["title"].GetString()) == "A title");
  CHECK(std::string(doc["why"].GetString()) == "Because.");
  const auto &p = doc["provenance"];
  CHECK(std::string(p["source"].GetString()) == "somewhere");
  CHECK(std::string(p["licence"].GetString()) == "MIT");
  CHECK(std::string(p["via"].GetString()) == "a gateway");
  CHECK(std::string(p["model"].GetString()) == "gpt-4o-mini"); // default kept
  CHECK(std::string(p["notes"].GetString()) == "noted");
  CHECK(std::string(doc["request"]["url"].GetString()) == "https://x/?api_key=REDACTED");
  CHECK(std::string(doc["request"]["headers"]["Authorization"].GetString()) == "Bearer REDACTED");
  std::vector<std::string> tags;
  for (const auto &t : doc["tags"].GetArray())
    tags.emplace_back(t.GetString());
  CHECK(tags == std::vector<std::string>{"provider:openai", "model:gpt-4o-mini",
                                         "dialect:openai-chat", "capture:reconstructed",
                                         "quirk:made-up"});
}

TEST_CASE("cli.bless.writes-disputes-then-refreshes-acknowledged-entries") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const auto src = tmp.write("a.sse", kNoFinalBlank);
  auto imported = run_harness({"import", src, "--case", "t/c", "--corpus", corpus.string()});
  CHECK(imported.exit_code == 1); // whatwg loses [DONE]: disputed
  CHECK(has(imported.out, "disputed: whatwg"));
  const fs::path dir = corpus / "t" / "c";
  auto doc = json_file(dir / "case.json");
  REQUIRE(doc.HasMember("disputed"));
  CHECK(doc["expect"].MemberCount() == 1);
  auto check = run_harness({"check", dir.string()});
  CHECK(check.exit_code == 1);

  // bless again: same disputes, nothing to rewrite.
  auto same = run_harness({"bless", dir.string()});
  CHECK(same.exit_code == 1);
  CHECK(has(same.out, "t/c: unchanged"));
  CHECK(has(same.out, "disputed: whatwg"));

  // Acknowledge every dispute with an empty entry; bless fills them and drops "disputed".
  std::string text = slurp(dir / "case.json");
  std::vector<std::string> impls;
  for (const auto &d : doc["disputed"].GetArray())
    impls.emplace_back(d["impl"].GetString());
  std::string entries;
  for (const auto &impl : impls)
    entries += ",\n    \"" + impl + "\": {}";
  const size_t end_of_default = text.find("\n    }\n  },\n  \"disputed\"");
  REQUIRE(end_of_default != std::string::npos);
  text.insert(end_of_default + 6, entries);
  std::ofstream(dir / "case.json", std::ios::binary | std::ios::trunc) << text;
  const std::string stream_before = slurp(dir / "c.sse");
  const auto stream_id = identity(dir / "c.sse");

  auto dry = run_harness({"bless", dir.string(), "--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(has(dry.out, "would rewrite"));
  CHECK(has(dry.out, "--- a/t/c/case.json"));
  CHECK(has(dry.out, "-  \"disputed\": ["));
  CHECK(has(dry.out, "dry run: nothing written"));
  CHECK(slurp(dir / "case.json") == text);

  auto blessed = run_harness({"bless", dir.string()});
  INFO(blessed.out);
  CHECK(blessed.exit_code == 0);
  auto after = json_file(dir / "case.json");
  CHECK_FALSE(after.HasMember("disputed"));
  CHECK(after["expect"]["whatwg"]["done"].IsFalse());
  CHECK(after["expect"]["whatwg"].HasMember("choices"));
  CHECK(slurp(dir / "c.sse") == stream_before);
  CHECK(identity(dir / "c.sse") == stream_id); // not rewritten, not even in place
  CHECK(run_harness({"check", dir.string()}).exit_code == 0);
  CHECK(tree(dir) == std::vector<std::string>{"c.sse", "case.json"});

  auto unchanged = run_harness({"bless", "t/c"}, {"SSE_HARNESS_CORPUS=" + corpus.string()});
  CHECK(unchanged.exit_code == 0);
  CHECK(has(unchanged.out, "t/c: unchanged"));
  CHECK(has(unchanged.out, "1 case: 0 rewritten, 1 unchanged, 0 disputed"));
}

TEST_CASE("cli.bless.known-deviations-acknowledge-without-an-entry") {
  TempDir tmp;
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const auto src = tmp.write("a.sse", kNoFinalBlank);
  REQUIRE(run_harness({"import", src, "--case", "t/c", "--corpus", corpus.string()}).exit_code == 1);
  auto doc = json_file(corpus / "t" / "c" / "case.json");
  std::string list;
  for (const auto &d : doc["disputed"].GetArray())
    list += std::string(list.empty() ? "" : ",") + R"({"impl": ")" + d["impl"].GetString() +
            R"(", "case": "t/*", "reason": "drops the unterminated last event"})";
  std::ofstream(corpus / "deviations.json") << R"({"deviations_format": 1, "deviations": [)" << list
                                            << "]}";
  const std::string stream_before = slurp(corpus / "t" / "c" / "c.sse");
  auto r = run_harness({"bless", corpus.string()});
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "listed in the known deviations"));
  auto after = json_file(corpus / "t" / "c" / "case.json");
  CHECK_FALSE(after.HasMember("disputed"));
  CHECK(after["expect"].MemberCount() == 1);
  CHECK(slurp(corpus / "t" / "c" / "c.sse") == stream_before);
}

TEST_CASE("cli.bless.usage-and-missing-cases-exit-2") {
  CHECK(run_harness({"bless"}).exit_code == 2);
  auto missing = run_harness({"bless", "/no/such/case"});
  CHECK(missing.exit_code == 2);
  CHECK(one_line(missing.err));
  CHECK(has(missing.err, "/no/such/case"));
  auto help = run_harness({"bless", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(has(help.out, "--dry-run"));
  auto import_help = run_harness({"import", "--help"});
  CHECK(import_help.exit_code == 0);
  CHECK(has(import_help.out, "--force"));
  CHECK(run_harness({"import", "x.sse"}).exit_code == 2); // no --case
}

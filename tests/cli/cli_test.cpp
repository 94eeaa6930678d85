// The command line as a user meets it: exit codes, stdout vs stderr, the seeds end to end, and one
// clear line for every kind of bad input (issue 2, sections 6 and 7).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli/process.hpp"
#include "corpus/schemas.hpp"
#include "json/rapidjson.hpp"

using harness::test::run_harness;
using harness::test::TempDir;

namespace {

const std::string kSeed000 = SSEH_CORPUS_DIR "/seeds/000_c359a6ca5f32f75d/000_c359a6ca5f32f75d.txt";
const std::string kSeed004 = SSEH_CORPUS_DIR "/seeds/004_424fe411654300b4/004_424fe411654300b4.txt";
const std::string kText000 =
    "Yo, what's gbom? Ready to dive into o quequer que voc\xC3\xAA're pondering abfora today?";

/// Parses `replay --json` output and checks it against schemas/result.schema.json.
rapidjson::Document result_doc(const std::string &out) {
  rapidjson::Document d;
  d.Parse<harness::json::kParseFlags>(out.c_str());
  REQUIRE_FALSE(d.HasParseError());
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  auto valid = harness::corpus::validate_against(d, "result.schema.json", "replay output");
  INFO((valid.ok() ? std::string() : valid.error().str()));
  CHECK(valid.ok());
  return d;
}

bool has_finding(const rapidjson::Document &d, const char *rule) {
  for (const auto &f : d["findings"].GetArray())
    if (std::string(f["rule"].GetString()) == rule)
      return true;
  return false;
}

int lines_in(const std::string &s) {
  int n = 0;
  for (char c : s)
    n += c == '\n';
  return n;
}

} // namespace

TEST_CASE("cli.version-and-help-go-to-stdout-with-exit-0") {
  auto v = run_harness({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("sse-harness ", 0) == 0);
  CHECK(v.err.empty());
  auto h = run_harness({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("replay") != std::string::npos);
  for (const char *sub : {"check", "list", "replay", "bench"}) {
    auto s = run_harness({sub, "--help"});
    CAPTURE(sub);
    CHECK(s.exit_code == 0);
    CHECK(s.out.find("sse-harness " + std::string(sub)) != std::string::npos);
    CHECK(s.err.empty());
  }
}

TEST_CASE("cli.usage-errors-exit-2-with-one-line-on-stderr") {
  for (auto args : std::vector<std::vector<std::string>>{
           {},
           {"frobnicate"},
           {"check", "--bogus"},
           {"replay", kSeed000, "--parser", "nope"},
           {"replay", kSeed000, "--split", "bytes:0"},
           {"replay", kSeed000, "--from", "html"},
           {"replay"},
           {"bench", "--mb", "0"},
       }) {
    std::string joined;
    for (auto &a : args)
      joined += a + " ";
    CAPTURE(joined);
    auto r = run_harness(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    if (!args.empty())
      CHECK(lines_in(r.err) == 1);
  }
}

// Every numeric option is range-checked before anything runs: a value out of range, negative, not
// a number or past 2^64 is one line naming the option, its range and the value, with exit 2 (a
// uint16_t port used to wrap: --port 99999 listened on 34463).
TEST_CASE("cli.every-numeric-option-refuses-values-out-of-its-range") {
  struct Option {
    std::vector<std::string> command;
    std::string name, range;
    std::vector<std::string> bad;
  };
  const std::vector<std::string> huge = {"-1", "x", "1e3", "", "18446744073709551616"};
  const std::vector<Option> options = {
      {{"serve"}, "--port", "0 to 65535", {"65536", "99999"}},
      {{"serve"}, "--request-timeout", "1 to 86400 seconds", {"0", "86401"}},
      {{"clients", "run"}, "--jobs", "1 to 256", {"0", "257"}},
      {{"clients", "run"}, "--timeout", "1 to 3600 seconds", {"0", "3601"}},
      {{"bench"}, "--mb", "1 to 4096 MB", {"0", "4097"}},
      {{"bench"}, "--runs", "1 to 100", {"0", "101"}},
      {{"record", "--upstream", "http://127.0.0.1:9/", "--case", "x"}, "--timeout",
       "1 to 86400 seconds", {"0", "86401"}},
      {{"import-crash", kSeed000, "--case", "x", "--target", "pipeline"}, "--timeout",
       "1 to 86400 seconds", {"0", "86401"}},
      {{"import-crash", kSeed000, "--case", "x", "--target", "pipeline"}, "--max-runs",
       "0 to 1000000", {"1000001"}},
  };
  for (const auto &o : options) {
    auto values = o.bad;
    values.insert(values.end(), huge.begin(), huge.end());
    for (const auto &v : values) {
      auto args = o.command;
      args.push_back(o.name + "=" + v);
      CAPTURE(o.name);
      CAPTURE(v);
      auto r = run_harness(args);
      CHECK(r.exit_code == 2);
      CHECK(r.out.empty());
      CHECK(lines_in(r.err) == 1);
      CHECK(r.err.find(o.name + " takes " + o.range + ", not '" + v + "'") != std::string::npos);
    }
  }
}

TEST_CASE("cli.replay.seed-000-tolerant-recovers-what-the-producer-meant") {
  auto r = run_harness({"replay", kSeed000, "--parser", "tolerant", "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  auto d = result_doc(r.out);
  CHECK(d["done"].GetBool());
  REQUIRE(d["choices"].Size() == 1);
  CHECK(std::string(d["choices"][0]["text"].GetString()) == kText000);
  CHECK(std::string(d["choices"][0]["finish_reason"].GetString()) == "stop");
  CHECK(d["usage"]["prompt_tokens"].GetInt() == 8);
  CHECK(d["usage"]["completion_tokens"].GetInt() == 18);
  CHECK(d["usage"]["total_tokens"].GetInt() == 26);
  CHECK(has_finding(d, "sse.payload-on-next-line"));
  CHECK(has_finding(d, "sse.blank-line-missing"));
}

TEST_CASE("cli.replay.seed-000-whatwg-dispatches-nothing") {
  auto r = run_harness({"replay", kSeed000, "--parser", "whatwg", "--json"});
  REQUIRE(r.exit_code == 0);
  auto d = result_doc(r.out);
  CHECK(d["events"].GetUint64() == 0);
  CHECK_FALSE(d["done"].GetBool());
  CHECK(d["choices"].Size() == 0);
  CHECK(d["usage"].IsNull());
}

TEST_CASE("cli.replay.seed-004-markdown-transcript-both-parsers") {
  auto t = run_harness({"replay", kSeed004, "--parser", "tolerant", "--json"});
  REQUIRE(t.exit_code == 0);
  auto d = result_doc(t.out);
  CHECK(d["done"].GetBool());
  CHECK(d["events"].GetUint64() == 81);
  CHECK(d["choices"][0]["text"].GetStringLength() == 363);
  CHECK(std::string(d["choices"][0]["finish_reason"].GetString()) == "stop");
  CHECK(d["usage"]["prompt_tokens"].GetInt() == 41);
  CHECK(d["usage"]["completion_tokens"].GetInt() == 80);
  CHECK(d["usage"]["total_tokens"].GetInt() == 121);

  auto w = run_harness({"replay", kSeed004, "--parser", "whatwg", "--json"});
  REQUIRE(w.exit_code == 0);
  auto e = result_doc(w.out);
  CHECK(e["events"].GetUint64() == 80);
  CHECK_FALSE(e["done"].GetBool());
  CHECK(e["choices"][0]["text"].GetStringLength() == 363);

  auto text = run_harness({"replay", kSeed004});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("markdown transcript, bytes 713..32714") != std::string::npos);
}

TEST_CASE("cli.replay.every-split-agrees-on-the-seeds") {
  for (const auto &seed : {kSeed000, kSeed004})
    for (const char *parser : {"whatwg", "tolerant", "lines"}) {
      CAPTURE(seed);
      CAPTURE(parser);
      auto r = run_harness({"replay", seed, "--parser", parser, "--split", "every"});
      CHECK(r.exit_code == 0);
      CHECK(r.err.empty());
    }
}

TEST_CASE("cli.replay.case-ids-resolve-under-the-corpus") {
  auto r = run_harness({"replay", "seeds/000_c359a6ca5f32f75d", "--json"},
                       {"SSE_HARNESS_CORPUS=" SSEH_CORPUS_DIR});
  REQUIRE(r.exit_code == 0);
  auto d = result_doc(r.out);
  CHECK(std::string(d["meta"]["case"].GetString()) == "seeds/000_c359a6ca5f32f75d");
  auto bad = run_harness({"replay", "seeds/000_c359a6ca5f32f75d", "--from", "raw"},
                         {"SSE_HARNESS_CORPUS=" SSEH_CORPUS_DIR});
  CHECK(bad.exit_code == 2);
}

// The bundled corpus itself is checked by the meson tests `corpus` and `corpus-variants`.

TEST_CASE("cli.check.a-wrong-expectation-fails-with-exit-1-and-the-first-differing-byte") {
  TempDir dir;
  std::string bytes = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                      "\"content\":\"Hello world\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
  dir.write("c/case1/stream.sse", bytes);
  dir.write("c/case1/case.json", R"({"case_format": 1, "title": "t", "why": "w",
    "stream": {"file": "stream.sse", "capture": "raw"},
    "provenance": {"source": "test", "provider": "test", "model": "m", "via": "", "licence": "MIT",
                   "reconstructed": false, "notes": ""},
    "request": null, "dialect": "openai-chat", "tags": [],
    "expect": {"default": {"events": 2, "done": true,
      "choices": [{"index": 0, "role": "assistant", "text": "Hello wor1d", "reasoning": "",
                   "refusal": "", "finish_reason": "stop", "tool_calls": []}]}}})");
  auto r = run_harness({"check", dir.path() + "/c"});
  INFO(r.out);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL") != std::string::npos);
  CHECK(r.out.find("choices[0].text: first difference at byte 9") != std::string::npos);
}

TEST_CASE("cli.bad-input.missing-file-folder-not-a-case-and-empty-file-exit-2-naming-the-file") {
  TempDir dir;
  const auto empty = dir.write("empty.sse", "");
  dir.write("not-a-case/readme.txt", "hello");
  const std::string missing = dir.path() + "/nope.sse";
  for (auto args : std::vector<std::vector<std::string>>{
           {"replay", missing},
           {"replay", empty},
           {"check", dir.path() + "/not-a-case"},
           {"check", missing},
           {"list", dir.path() + "/not-a-case"},
       }) {
    CAPTURE(args[1]);
    auto r = run_harness(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(lines_in(r.err) == 1);
    const std::string named = args[1];
    CHECK(r.err.find(std::filesystem::path(named).filename().string()) != std::string::npos);
  }
}

TEST_CASE("cli.bad-input.invalid-utf8-and-nul-bytes-become-findings-not-crashes") {
  TempDir dir;
  const auto bad_utf8 = dir.write(
      "bad.sse", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\xC3\"}}]}\n\n"
                 "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"}}]}\n\n");
  for (const char *parser : {"whatwg", "tolerant", "lines"}) {
    CAPTURE(parser);
    auto r = run_harness({"replay", bad_utf8, "--parser", parser, "--json"});
    REQUIRE(r.exit_code == 0);
    auto d = result_doc(r.out);
    CHECK(d["events"].GetUint64() == 2);
    CHECK(d["findings"].Size() >= 1);
    // The second chunk is still reassembled.
    REQUIRE(d["choices"].Size() == 1);
    CHECK(std::string(d["choices"][0]["text"].GetString()).find("ok") != std::string::npos);
  }
  const auto nul = dir.write("nul.sse", std::string("data: {\"a\":\"x\0y\"}\n\n", 19));
  auto r = run_harness({"replay", nul, "--json"});
  REQUIRE(r.exit_code == 0);
  auto d = result_doc(r.out);
  CHECK(has_finding(d, "json.invalid"));
}

TEST_CASE("cli.bad-input.payload-not-an-object-and-deep-nesting-are-findings") {
  TempDir dir;
  auto r1 = run_harness({"replay", dir.write("num.sse", "data: 42\n\ndata: [1,2]\n\n"), "--json"});
  REQUIRE(r1.exit_code == 0);
  auto d1 = result_doc(r1.out);
  CHECK(has_finding(d1, "json.not-object"));
  std::string deep = "data: " + std::string(1000000, '[') + "\n\n";
  auto r2 = run_harness({"replay", dir.write("deep.sse", deep), "--json"});
  REQUIRE(r2.exit_code == 0);
  CHECK(has_finding(result_doc(r2.out), "json.invalid"));
  std::string closed = "data: " + std::string(1000000, '[') + std::string(1000000, ']') + "\n\n";
  auto r3 = run_harness({"replay", dir.write("closed.sse", closed), "--json"});
  REQUIRE(r3.exit_code == 0);
  CHECK(has_finding(result_doc(r3.out), "json.not-object"));
}

TEST_CASE("cli.bad-input.a-100-mb-single-line-completes-with-a-finding") {
  TempDir dir;
  std::string line = "data: {\"x\":\"" + std::string(100u << 20, 'a');
  const auto path = dir.write("long.sse", line);
  line.clear();
  line.shrink_to_fit();
  auto r = run_harness({"replay", path, "--parser", "tolerant", "--json"});
  REQUIRE(r.exit_code == 0);
  auto d = result_doc(r.out);
  CHECK(d["events"].GetUint64() == 1);
  CHECK(has_finding(d, "sse.unterminated-event"));
  CHECK(has_finding(d, "json.invalid"));
  auto w = run_harness({"replay", path, "--parser", "whatwg", "--json"});
  REQUIRE(w.exit_code == 0);
  CHECK(result_doc(w.out)["events"].GetUint64() == 0);
  auto every = run_harness({"replay", path, "--split", "every"});
  CHECK(every.exit_code == 2);
  CHECK(every.err.find("limit") != std::string::npos);
}

TEST_CASE("cli.bad-input.a-truncated-stream-keeps-what-arrived") {
  TempDir dir;
  std::ifstream in(kSeed004, std::ios::binary);
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Raw stream cut in the middle of the 41st chunk's JSON.
  std::string stream = file.substr(713, 32001);
  size_t cut = 0;
  for (int i = 0; i < 40; ++i)
    cut = stream.find("\n\n", cut) + 2;
  const auto path = dir.write("cut.sse", stream.substr(0, cut + 100));
  auto t = run_harness({"replay", path, "--parser", "tolerant", "--json"});
  REQUIRE(t.exit_code == 0);
  auto d = result_doc(t.out);
  CHECK_FALSE(d["done"].GetBool());
  CHECK(d["events"].GetUint64() == 41);
  CHECK(has_finding(d, "json.invalid"));
  CHECK(d["choices"][0]["finish_reason"].IsNull());
  auto w = run_harness({"replay", path, "--parser", "whatwg", "--json"});
  REQUIRE(w.exit_code == 0);
  auto e = result_doc(w.out);
  CHECK(e["events"].GetUint64() == 40);
  CHECK(has_finding(e, "sse.unterminated-event"));
}

TEST_CASE("cli.list-shows-parsers-in-registry-order-and-the-seeds") {
  auto r = run_harness({"list", SSEH_CORPUS_DIR});
  REQUIRE(r.exit_code == 0);
  const auto w = r.out.find("whatwg"), t = r.out.find("tolerant"), l = r.out.find("lines");
  CHECK(w < t);
  CHECK(t < l);
  CHECK(r.out.find("seeds/000_c359a6ca5f32f75d") != std::string::npos);
  CHECK(r.out.find("seeds/004_424fe411654300b4") != std::string::npos);
}

TEST_CASE("cli.bench-prints-every-figure-on-a-small-generated-stream") {
  auto r = run_harness({"bench", "--shape", "anthropic-messages", "--mb", "2", "--runs", "1"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("generated anthropic-messages stream (seed 1) (anthropic-messages), 2.0 MB") !=
        std::string::npos);
  for (const char *figure : {"memchr newline scan", "framing whatwg", "framing tolerant",
                             "framing lines", "rapidjson parse-only", "pipeline whatwg",
                             "pipeline tolerant", "pipeline lines", "memory:"}) {
    CAPTURE(figure);
    CHECK(r.out.find(figure) != std::string::npos);
  }
}

TEST_CASE("cli.bench-without-a-target-prints-one-row-per-shape") {
  auto r = run_harness({"bench", "--mb", "1", "--runs", "1"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("5 generated stream shapes, 1.0 MB each") != std::string::npos);
  size_t rows = 0;
  for (const char *shape : {"openai-chat", "usage-every-chunk", "tool-calls",
                            "anthropic-messages", "openai-responses"}) {
    CAPTURE(shape);
    const auto at = r.out.find("\n  " + std::string(shape) + " ");
    REQUIRE(at != std::string::npos);
    const auto row = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
    CHECK((row.find(" met") != std::string::npos || row.find(" MISSED") != std::string::npos));
    ++rows;
  }
  CHECK(rows == 5);
  CHECK(r.out.find("memory: peak RSS grew") != std::string::npos);
}

TEST_CASE("cli.bench-names-a-capture-size-below-one-megabyte-in-kilobytes") {
  auto r = run_harness({"bench", "seeds/004_424fe411654300b4", "--mb", "1", "--runs", "1"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("(openai-chat), 32.0 KB replayed 31 times") != std::string::npos);
  // The memory line names the size too (a bare "0.0 MB" check matched figures like "180.0 MB/s").
  CHECK(r.out.find("during one pipeline run over 32.0 KB\n") != std::string::npos);
}

TEST_CASE("cli.bench-refuses-an-unknown-shape-or-a-shape-and-a-target") {
  auto r = run_harness({"bench", "--shape", "nope"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown shape 'nope' (known: openai-chat, ") != std::string::npos);
  r = run_harness({"bench", "--shape", "tool-calls", "seeds/004_424fe411654300b4"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not both") != std::string::npos);
}

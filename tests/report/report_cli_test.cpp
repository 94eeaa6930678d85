// report.cli.* and report.select.*: the result model as `check`, `lint` and `clients run` write it,
// through the real binary: the JSON report against its schema, --fail-on, --report targets,
// progress on stderr, and case selection (--case, --skip, --tag, --shard, --list).
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli/files.hpp"
#include "cli/process.hpp"
#include "dialect/dialect.hpp"
#include "pipeline/implementation.hpp"
#include "corpus/schemas.hpp"
#include "dialect/dialect.hpp"
#include "json/rapidjson.hpp"
#include "pipeline/implementation.hpp"

using namespace harness::test;

namespace {

const std::string kCorpus = SSEH_CORPUS_DIR;

rapidjson::Document parse_json(const std::string &text) {
  rapidjson::Document d;
  d.Parse(text.data(), text.size());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

void require_valid_report(const rapidjson::Document &d, const std::string &name) {
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  const auto status = harness::corpus::validate_against(d, "report.schema.json", name);
  INFO((status ? std::string() : status.error().str()));
  REQUIRE(status);
}

/// One entry's identity and verdict, for comparing runs.
std::string key(const rapidjson::Value &e) {
  std::string k = (e["case"].IsNull() ? "" : e["case"].GetString()) + std::string(" ") +
                  e["impl"].GetString() + " " + e["variant"].GetString() + " " +
                  e["outcome"].GetString();
  for (const auto &p : e["parts"].GetArray())
    k += std::string(" ") + p["name"].GetString() + "=" + p["outcome"].GetString();
  return k;
}

// A stream missing every blank line: whatwg merges it into nothing, tolerant repairs it.
const std::string kNoBlankLines =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},"
    "\"finish_reason\":\"stop\"}]}\ndata: [DONE]\n\n";

std::string case_json(const std::string &tags) {
  return R"({"case_format": 1, "title": "t", "why": "a test case",
  "stream": {"file": "s.sse", "capture": "raw"},
  "provenance": {"source": "test", "provider": "test", "model": "test", "licence": "MIT",
                 "reconstructed": false},
  "request": null, "dialect": "openai-chat", "tags": )" + tags + R"(,
  "expect": {"default": {"done": true, "choices": [{"index": 0, "role": "assistant", "text": "hi",
    "reasoning": "", "refusal": "", "finish_reason": "stop", "tool_calls": []}]}}})";
}

} // namespace

TEST_CASE("report.cli.check-json-report-matches-its-schema-and-the-run") {
  TempDir dir;
  const auto file = dir.path() + "/check.json";
  const auto r = run_harness({"check", "--split", "whole", "--split", "bytes:7", "--case",
                              "seeds/*", "--report", "json=" + file, "--progress", "none", kCorpus});
  INFO(r.out, r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  const auto d = parse_json(slurp(file));
  require_valid_report(d, file);
  CHECK(std::string(d["command"].GetString()) == "check");
  CHECK(d["failing"].GetBool() == (r.exit_code == 1));
  // counts are the entries' classes; every case x implementation that handles it has an entry
  std::map<std::string, uint64_t> tally;
  std::set<std::string> pairs;
  for (const auto &e : d["entries"].GetArray()) {
    ++tally[e["outcome"].GetString()];
    pairs.insert(std::string(e["case"].GetString()) + " " + e["impl"].GetString());
    CHECK(e["parts"].Size() == 2); // whole, bytes:7
    CHECK(e.HasMember("actual"));
  }
  for (const auto &m : d["counts"].GetObject())
    CHECK(tally[m.name.GetString()] == m.value.GetUint64());
  CHECK(d["cases"].Size() == 2);
  size_t chat_impls = 0; // the seeds are chat streams; not every profile reads that dialect
  for (const auto &impl : harness::pipeline::implementations())
    chat_impls += harness::pipeline::handles(impl, harness::dialect::kOpenAiChat) ? 1 : 0;
  CHECK(d["implementations"].Size() == harness::pipeline::implementations().size());
  CHECK(pairs.size() == d["cases"].Size() * chat_impls);
  // the seeds are repaired by tolerant: the expected result, non-strict
  CHECK(tally["non-strict"] == 2);
  // the text report still went to stdout, with the summary line last
  CHECK(has(r.out, "2 cases x " + std::to_string(harness::pipeline::implementations().size()) +
                       " implementations: "));
}

TEST_CASE("report.cli.lint-json-report-over-the-corpus") {
  TempDir dir;
  const auto file = dir.path() + "/lint.json";
  const auto r = run_harness({"lint", "--report", "json=" + file, kCorpus});
  INFO(r.err);
  REQUIRE(r.exit_code == 1); // the corpus holds broken producers
  const auto d = parse_json(slurp(file));
  require_valid_report(d, file);
  CHECK(d["entries"].Size() == d["cases"].Size());
  CHECK(d["cases"].Size() > 40);
  for (const auto &e : d["entries"].GetArray()) {
    // a capture fails on error findings, is non-strict on warnings, informational on info alone
    std::set<std::string> severities;
    for (const auto &f : e["findings"].GetArray())
      severities.insert(f["severity"].GetString());
    const std::string want = severities.count("error")     ? "failed"
                             : severities.count("warning") ? "non-strict"
                             : severities.count("info")    ? "informational"
                                                           : "ok";
    CHECK(std::string(e["outcome"].GetString()) == want);
  }
}

TEST_CASE("report.cli.fail-on-decides-the-exit-code") {
  TempDir dir;
  dir.write("corpus/t/one/s.sse", kNoBlankLines);
  dir.write("corpus/t/one/case.json", case_json("[]"));
  const auto root = dir.path() + "/corpus";
  const std::vector<std::string> base{"check", "--impl", "tolerant", "--split", "whole", root};
  auto with = [&](std::vector<std::string> more) {
    auto args = base;
    args.insert(args.end(), more.begin(), more.end());
    return run_harness(args);
  };
  const auto plain = with({});
  INFO(plain.out, plain.err);
  CHECK(plain.exit_code == 0);
  CHECK(has(plain.out, "NSTR  t/one  tolerant"));
  CHECK(has(plain.out, "sse.blank-line-missing"));
  CHECK(with({"--fail-on", "non-strict"}).exit_code == 1);
  CHECK(with({"--fail-on", "failed,non-strict"}).exit_code == 1);
  const auto whatwg = run_harness({"check", "--impl", "whatwg", "--split", "whole", root});
  CHECK(whatwg.exit_code == 1);
  CHECK(run_harness({"check", "--impl", "whatwg", "--split", "whole", "--fail-on", "none", root})
            .exit_code == 0);
  const auto bad = with({"--fail-on", "failed,broken"});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "unknown outcome class 'broken'"));
}

TEST_CASE("report.cli.report-targets") {
  TempDir dir;
  dir.write("corpus/t/one/s.sse", kNoBlankLines);
  dir.write("corpus/t/one/case.json", case_json("[]"));
  const auto root = dir.path() + "/corpus";
  // json to stdout: stdout is the document alone, the text report goes to its file
  const auto text = dir.path() + "/out.txt";
  const auto r = run_harness({"check", "--split", "whole", "--report", "json", "--report",
                              "text=" + text, root});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const auto d = parse_json(r.out);
  require_valid_report(d, "stdout");
  CHECK(has(slurp(text), "1 cases x " +
                             std::to_string(harness::pipeline::implementations().size()) +
                             " implementations: "));
  CHECK(!has(slurp(text), "\033["));
  const auto two = run_harness({"check", "--report", "json", "--report", "text", root});
  CHECK(two.exit_code == 2);
  CHECK(has(two.err, "only one report can go to stdout"));
  const auto unknown = run_harness({"check", "--report", "pdf=x.pdf", root});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "unknown format 'pdf'"));
  // a missing folder is made; a path through a file cannot be, and the error names the report
  const auto made = run_harness({"check", "--split", "whole", "--progress", "none", "--report",
                                 "json=" + dir.path() + "/new/folder/r.json", root});
  CHECK(made.exit_code == 1);
  CHECK(parse_json(slurp(dir.path() + "/new/folder/r.json")).IsObject());
  const auto nowhere = run_harness({"check", "--split", "whole", "--report",
                                    "json=" + text + "/r.json", root});
  CHECK(nowhere.exit_code == 2);
  CHECK(has(nowhere.err, text + "/r.json"));
}

TEST_CASE("report.cli.progress-on-stderr") {
  TempDir dir;
  dir.write("corpus/t/one/s.sse", kNoBlankLines);
  dir.write("corpus/t/one/case.json", case_json("[]"));
  const auto root = dir.path() + "/corpus";
  const auto bar = run_harness({"check", "--split", "whole", "--progress", "bar", root});
  CHECK(has(bar.err, "[##############################] 7/7 case x implementation pairs"));
  CHECK(has(bar.err, "\r\033[K"));
  CHECK(!has(bar.out, "[#"));
  // lines: nothing for a run shorter than 2 seconds; not on a terminal, auto means lines
  const auto lines = run_harness({"check", "--split", "whole", "--progress", "lines", root});
  CHECK(!has(lines.err, "pairs ("));
  const auto bad = run_harness({"check", "--progress", "fancy", root});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("report.select.case-skip-tag-and-list") {
  TempDir dir;
  for (const char *name : {"a/one", "a/two", "b/three"}) {
    dir.write(std::string("corpus/") + name + "/s.sse", kNoBlankLines);
    dir.write(std::string("corpus/") + name + "/case.json",
              case_json(std::string(name) == "a/two" ? R"(["quirk:x", "provider:p"])" : "[]"));
  }
  const auto root = dir.path() + "/corpus";
  auto listed = [&](std::vector<std::string> more) {
    std::vector<std::string> args{"check", "--list"};
    args.insert(args.end(), more.begin(), more.end());
    args.push_back(root);
    const auto r = run_harness(args);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> ids;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
      if (line.find("  openai-chat") != std::string::npos)
        ids.insert(line.substr(0, line.find("  ")));
    return ids;
  };
  CHECK(listed({}) == std::set<std::string>{"a/one", "a/two", "b/three"});
  CHECK(listed({"--case", "a/*"}) == std::set<std::string>{"a/one", "a/two"});
  CHECK(listed({"--case", "a/*", "--skip", "*two"}) == std::set<std::string>{"a/one"});
  CHECK(listed({"--tag", "quirk:*"}) == std::set<std::string>{"a/two"});
  CHECK(listed({"--tag", "provider:q"}).empty());
  const auto bad = run_harness({"check", "--shard", "4/3", root});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "--shard: takes K/N with 1 <= K <= N"));
}

TEST_CASE("report.select.shards-together-are-exactly-the-full-run") {
  TempDir dir;
  auto run = [&](const std::string &shard) {
    const auto file = dir.path() + "/r" + std::to_string(shard.size()) + shard[0] + ".json";
    std::vector<std::string> args{"check", "--split", "whole", "--split", "bytes:3",
                                  "--progress", "none", "--report", "json=" + file};
    if (!shard.empty()) {
      args.push_back("--shard");
      args.push_back(shard);
    }
    args.push_back(kCorpus);
    const auto r = run_harness(args);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    auto d = parse_json(slurp(file));
    require_valid_report(d, file);
    CHECK(std::string(d["shard"].GetString()) == shard);
    std::multiset<std::string> keys;
    std::set<std::string> cases;
    for (const auto &e : d["entries"].GetArray())
      if (!e["case"].IsNull()) {
        keys.insert(key(e));
        cases.insert(e["case"].GetString());
      }
    return std::make_pair(keys, cases);
  };
  const auto [full, full_cases] = run("");
  std::multiset<std::string> together;
  std::set<std::string> seen;
  for (const char *shard : {"1/3", "2/3", "3/3"}) {
    const auto [keys, cases] = run(shard);
    CHECK_FALSE(cases.empty());
    for (const auto &c : cases)
      CHECK(seen.insert(c).second); // a case is in one shard only
    together.insert(keys.begin(), keys.end());
  }
  CHECK(seen == full_cases);
  CHECK(together == full);
  CHECK(full_cases.size() > 40);
}

// Repeats of one rule in one case are one line ("22× rule, bytes A…B"); --verbose lists them all.
TEST_CASE("report.text-groups-repeated-findings-and-keeps-expected-outcomes-to-one-line") {
  const std::string seed = "seeds/000_c359a6ca5f32f75d";
  const auto lint = run_harness({"lint", seed});
  CAPTURE(lint.out);
  CHECK(has(lint.out, "  bytes 282\u20266714  events 0\u202621  error  22\u00d7 "
                      "sse.blank-line-missing: new field line after"));
  CHECK(has(lint.out, "  byte 6714  event 22  error  sse.unterminated-event: "));
  CHECK(has(lint.out, "26 findings: 25 errors, 1 warnings, 0 info"));
  const auto verbose = run_harness({"lint", seed, "--verbose"});
  size_t listed = 0;
  for (size_t at = verbose.out.find("sse.blank-line-missing"); at != std::string::npos;
       at = verbose.out.find("sse.blank-line-missing", at + 1))
    ++listed;
  CHECK(listed == 22);
  CHECK(verbose.out.find("22\u00d7") == std::string::npos);

  const auto check = run_harness({"check", std::string(SSEH_CORPUS_DIR) + "/" + seed,
                                  "--split", "whole", "--impl", "tolerant"});
  CAPTURE(check.out);
  CHECK(has(check.out, "NSTR  seeds/000_c359a6ca5f32f75d  tolerant  the expected result, through "
                       "repairs of the framing: 22\u00d7 sse.blank-line-missing, 2\u00d7 "
                       "sse.payload-on-next-line, sse.unterminated-event\n1 cases"));
}

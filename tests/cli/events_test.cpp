// cli.events-*: event logs as a user meets them: `replay --events` for every implementation,
// `check` judging an SSE-level case event by event under every split, `bless` writing complete
// logs without overwriting an assertion an implementation fails, `list` and `serve` taking the
// case. The case is tests/cli/events_case (dialect sse: retry, id, a named event over CRLF, an
// unterminated tail), copied to a temporary folder wherever a test changes it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/process.hpp"
#include "corpus/schemas.hpp"
#include "json/rapidjson.hpp"
#include "pipeline/implementation.hpp"

using harness::test::run_harness;
using harness::test::TempDir;

namespace {

namespace fs = std::filesystem;

const std::string kCase = SSEH_SOURCE_ROOT "/tests/cli/events_case";

std::string read(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A copy of the fixture case in `dir`/case, without its event logs when `logs` is false.
std::string copy_case(const TempDir &dir, bool logs) {
  const fs::path to = fs::path(dir.path()) / "case";
  fs::create_directories(to);
  for (const auto &e : fs::directory_iterator(kCase)) {
    const std::string name = e.path().filename().string();
    if (logs || name.rfind("events", 0) != 0)
      fs::copy_file(e.path(), to / name);
  }
  return to.string();
}

std::vector<std::string> lines_of(const std::string &s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

} // namespace

TEST_CASE("cli.events-replay-prints-a-schema-valid-log-for-every-implementation") {
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  for (const auto &impl : harness::pipeline::implementations()) {
    CAPTURE(impl.name);
    // An implementation outside SSE-level cases (google-genai-python) logs a case of its dialect.
    const std::string target = harness::pipeline::handles(impl, "sse")
                                   ? kCase
                                   : SSEH_SOURCE_ROOT "/corpus/streams/gemini/text-short-gemini20-flash";
    const auto r = run_harness({"replay", "--events", "--impl", std::string(impl.name), target});
    INFO(r.out, r.err);
    REQUIRE(r.exit_code == 0);
    size_t count = 0;
    bool findings = false;
    for (const auto &line : lines_of(r.out)) {
      if (line.rfind("findings  ", 0) == 0) {
        findings = true;
        break;
      }
      rapidjson::Document d;
      d.Parse<harness::json::kParseFlags>(line.c_str());
      REQUIRE_FALSE(d.HasParseError());
      auto valid = harness::corpus::validate_against(d, "event-log.schema.json", "replay --events");
      INFO((valid ? std::string() : valid.error().str()));
      CHECK(valid.ok());
      CHECK(d["index"].GetUint64() == count++);
    }
    CHECK(findings); // findings follow the events, as in plain replay
    CHECK(count >= 2);
    // The same log under every split, or replay fails naming the split.
    CHECK(run_harness({"replay", "--events", "--split", "every", "--impl", std::string(impl.name),
                       target}).out == r.out);
  }
  const auto whatwg = run_harness({"replay", "--events", "--impl", "whatwg", kCase});
  CHECK(lines_of(whatwg.out).at(0) ==
        R"({"index":0,"offset":10,"type":"message","data":"a\nb","id":"7","retry":3000})");
  const auto both = run_harness({"replay", "--events", "--json", kCase});
  CHECK(both.exit_code == 2);
  CHECK(both.err.find("--events and --json") != std::string::npos);
}

TEST_CASE("cli.events-check-judges-an-sse-case-event-by-event") {
  const auto ok = run_harness({"check", "--split", "whole,bytes:1,every", kCase});
  INFO(ok.out, ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find(" 0 failed") != std::string::npos);
  // One data byte wrong in events.jsonl: the first differing event and field, in one line.
  TempDir dir;
  const std::string c = copy_case(dir, true);
  std::string log = read(fs::path(c) / "events.jsonl");
  log.replace(log.find("\"x\""), 3, "\"y\"");
  dir.write("case/events.jsonl", log);
  const auto bad = run_harness({"check", "--impl", "whatwg", c});
  INFO(bad.out, bad.err);
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("events.jsonl: event 1: data: ") != std::string::npos);
  // A case without any log for an implementation is a failure naming the files to add.
  TempDir bare;
  const std::string none = copy_case(bare, false);
  const auto missing = run_harness({"check", "--impl", "lines", none});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.find("no event log for 'lines' (add events.jsonl or events.lines.jsonl") !=
        std::string::npos);
  // A broken log is a load error naming the file and byte.
  dir.write("case/events.jsonl", "{}\n{\"dat\": 1}\n");
  const auto broken = run_harness({"check", c});
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("events.jsonl: byte 3: unknown key \"dat\"") != std::string::npos);
  dir.write("case/events.jsonl", "");
  dir.write("case/events.nobody.jsonl", "");
  const auto unknown = run_harness({"check", c});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("names no implementation: 'nobody'") != std::string::npos);
}

TEST_CASE("cli.events-bless-writes-complete-logs-and-never-overwrites-a-failed-one") {
  TempDir dir;
  const std::string c = copy_case(dir, false);
  const auto blessed = run_harness({"bless", c});
  INFO(blessed.out, blessed.err);
  CHECK(blessed.exit_code == 0);
  // What bless writes is the fixture's logs, file for file.
  for (const auto &e : fs::directory_iterator(kCase)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("events", 0) != 0)
      continue;
    CAPTURE(name);
    CHECK(read(fs::path(c) / name) == read(e.path()));
  }
  CHECK(run_harness({"check", c}).exit_code == 0);
  CHECK(run_harness({"bless", c}).out.find(".jsonl") == std::string::npos); // nothing changes
  // A partial events.jsonl that whatwg contradicts stays as it is: a dispute, exit 1.
  fs::remove(fs::path(c) / "events.jsonl");
  dir.write("case/events.jsonl", "{\"data\":\"a\"}\n{\"type\":\"ping\"}\n");
  const auto disputed = run_harness({"bless", c});
  CHECK(disputed.exit_code == 1);
  CHECK(disputed.out.find("disputed: whatwg's events: events.jsonl: event 0: data: ") !=
        std::string::npos);
  CHECK(read(fs::path(c) / "events.jsonl") == "{\"data\":\"a\"}\n{\"type\":\"ping\"}\n");
  // A partial one whatwg meets is completed.
  dir.write("case/events.jsonl", "{\"data\":\"a\\nb\"}\n{\"type\":\"ping\"}\n");
  CHECK(run_harness({"bless", c}).exit_code == 0);
  CHECK(read(fs::path(c) / "events.jsonl") == read(fs::path(kCase) / "events.jsonl"));
}

TEST_CASE("cli.events-an-sse-case-is-listed") {
  const auto list = run_harness({"list", kCase});
  INFO(list.out, list.err);
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("[sse]") != std::string::npos);
}

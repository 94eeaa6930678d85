// clients.*: `sse-harness clients run` as a user meets it, with --exec clients whose behaviour the
// test controls (a client that reports the right answer, a wrong one, hangs, crashes, prints
// garbage, cannot be started) and curl, the byte-exact client, under every kind of wire option.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/process.hpp"
#include "corpus/schemas.hpp"
#include "json/rapidjson.hpp"

using harness::test::run_harness;
using harness::test::TempDir;

namespace {

const std::string kSeed004 = SSEH_CORPUS_DIR "/seeds/004_424fe411654300b4";

std::string read(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Seed 004's expect.default as a result document a client could print, with `text` as the
/// answer's text (empty: the expected one).
std::string seed004_result(const std::string &text = "") {
  rapidjson::Document c;
  c.Parse(read(kSeed004 + "/case.json").c_str());
  REQUIRE(c.IsObject());
  rapidjson::Document d;
  d.CopyFrom(c["expect"]["default"], d.GetAllocator());
  d["findings"].SetArray();
  if (!text.empty())
    d["choices"][0]["text"].SetString(text.c_str(), d.GetAllocator());
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  return buf.GetString();
}

harness::test::ProcessResult clients_run(const std::string &exec, const std::string &wire,
                                         std::vector<std::string> more = {}) {
  std::vector<std::string> args{"clients", "run", "--exec", exec, "--wire", wire};
  args.insert(args.end(), more.begin(), more.end());
  args.push_back(kSeed004);
  return run_harness(args);
}

} // namespace

TEST_CASE("clients.list-names-the-built-in-clients") {
  const auto r = run_harness({"clients", "list"});
  CHECK(r.exit_code == 0);
  for (const char *name :
       {"curl", "openai-create", "openai-stream", "anthropic-sdk", "anthropic-message-stream",
        "openai-responses-stream", "ai-openai",
        "ai-openai-compatible", "ai-anthropic", "langchain-openai", "langchain-anthropic", "mistral",
        "groq", "google-genai", "ai-google", "eventsource", "eventsource-parser",
        "fetch-event-source", "chromium"})
    CHECK(r.out.find(std::string(name) + "  ") != std::string::npos);
}

TEST_CASE("clients.a-client-showing-the-expected-answer-passes") {
  TempDir dir;
  const auto file = dir.write("good.json", seed004_result());
  const auto r = clients_run("cat " + file, "-,drip,events+close");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("3 passed, 0 non-strict, 0 informational, 0 known deviations, 0 disputed, 0 failed, 0 errors") != std::string::npos);
}

TEST_CASE("clients.a-wrong-answer-fails-with-the-difference") {
  TempDir dir;
  const auto file = dir.write("bad.json", seed004_result("something else"));
  const auto r = clients_run("cat " + file, "-");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL  seeds/004_424fe411654300b4  exec  -") != std::string::npos);
  CHECK(r.out.find("choices[0].text: first difference at byte 0") != std::string::npos);
}

TEST_CASE("clients.an-error-must-surface-where-the-stream-is-cut-or-refused") {
  TempDir dir;
  const auto file = dir.write("good.json", seed004_result());
  // The right answer printed without raising is wrong when the server refused or cut the stream.
  auto r = clients_run("cat " + file, "status:500,cut-events:3");
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("raised: an error must surface (HTTP 500 before any byte of the stream)") !=
        std::string::npos);
  CHECK(r.out.find("an error must surface (closed after") != std::string::npos);
  // A client that fails with a message there raises, as it must.
  r = clients_run("false", "status:429,reset:40");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 passed") != std::string::npos);
  // ... and fails where the whole stream arrived.
  r = clients_run("false", "-");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("raised: expected null, got \"exit status 1\"") != std::string::npos);
}

TEST_CASE("clients.hung-unstartable-and-garbage-clients-are-errors") {
  auto r = clients_run("sleep 20", "-", {"--timeout", "1"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("ERR!  seeds/004_424fe411654300b4  exec  -") != std::string::npos);
  CHECK(r.out.find("hung: killed after") != std::string::npos);
  r = clients_run("/nonexistent/client --flag", "-");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("could not be run") != std::string::npos);
  r = clients_run("echo not json", "-");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("without a JSON document") != std::string::npos);
  r = clients_run(R"(echo '{"events": "x"}')", "-");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("does not match result.schema.json") != std::string::npos);
}

TEST_CASE("clients.known-deviations-match-wire-options-by-glob") {
  TempDir dir;
  const auto file = dir.write("good.json", seed004_result());
  const auto devs = dir.write(
      "deviations.json",
      R"({"deviations_format": 1, "deviations": [{"impl": "tool", "case": "seeds/004*",
          "variant": "cut-*", "reason": "never raises on a cut"}]})");
  const auto r = clients_run("cat " + file, "cut-events:3,cut-bytes:500,status:500",
                             {"--name", "tool", "--deviations", devs});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1); // status:500 is not acknowledged
  CHECK(r.out.find("2 known deviations, 0 disputed, 1 failed") != std::string::npos);
  CHECK(r.out.find("known: never raises on a cut") != std::string::npos);
}

TEST_CASE("clients.a-deviation-whose-variant-can-never-match-is-refused") {
  TempDir dir;
  const auto client = dir.write(
      "client.json", R"({"deviations_format": 1, "deviations": [{"impl": "eventsource",
          "case": "seeds/*", "variant": "cut-evnts:2", "reason": "a typo"}]})");
  auto r = run_harness({"clients", "run", "--client", "curl", "--deviations", client, kSeed004});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/deviations/0/variant: wire option 'cut-evnts:2'") != std::string::npos);
  // A wire option that sends the stream unchanged: its runs count as the case's own stream.
  const auto unchanged = dir.write(
      "unchanged.json", R"({"deviations_format": 1, "deviations": [{"impl": "eventsource",
          "case": "seeds/*", "variant": "drip", "reason": "only when dripped"}]})");
  r = run_harness({"clients", "run", "--client", "curl", "--deviations", unchanged, kSeed004});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/deviations/0/variant: 'drip' sends the stream unchanged") !=
        std::string::npos);
  const auto impl = dir.write(
      "impl.json", R"({"deviations_format": 1, "deviations": [{"impl": "whatwg",
          "case": "seeds/*", "variant": "lf", "reason": "a typo"}]})");
  r = run_harness({"check", "--split", "whole", "--deviations", impl, kSeed004});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("'lf' is not a metamorphic variant") != std::string::npos);
}

TEST_CASE("clients.curl-receives-the-bytes-the-server-sent-under-every-wire-option") {
  const auto r = run_harness({"clients", "run", "--client", "curl", "--wire",
                              "-,drip,bytes:5,random:9,events,close,delay:1,stall:50,"
                              "cut-bytes:300,cut-bytes:300+close,cut-events:4,reset:200,"
                              "bad-chunk:150,error-event:2,status:429,status:500",
                              SSEH_CORPUS_DIR "/seeds"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("32 passed, 0 non-strict, 0 informational, 0 known deviations, 0 disputed, 0 failed, 0 errors") != std::string::npos);
}

TEST_CASE("clients.bad-arguments-are-one-line-and-exit-2") {
  for (const auto &args : std::vector<std::vector<std::string>>{
           {"clients", "run", "--wire", "nonsense"},
           {"clients", "run", "--client", "no-such-client"},
           {"clients", "run", "--exec", "'unbalanced"},
           {"clients", "frobnicate"},
       }) {
    const auto r = run_harness(args);
    CAPTURE(args.back());
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("sse-harness clients") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("clients.json-report-has-one-entry-per-run-with-its-wire-option") {
  TempDir dir;
  const auto good = dir.write("good.json", seed004_result());
  const auto report = dir.path() + "/clients.json";
  const auto r = clients_run("cat " + good, "-,drip,status:429",
                             {"--report", "json=" + report, "--progress", "none"});
  INFO(r.out, r.err);
  // `cat` prints the full answer even where an HTTP 429 means it must raise: that run fails
  CHECK(r.exit_code == 1);
  rapidjson::Document d;
  d.Parse(read(report).c_str());
  REQUIRE(d.IsObject());
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  const auto valid = harness::corpus::validate_against(d, "report.schema.json", report);
  INFO((valid ? std::string() : valid.error().str()));
  REQUIRE(valid);
  CHECK(std::string(d["command"].GetString()) == "clients run");
  REQUIRE(d["entries"].Size() == 3);
  const char *wires[] = {"-", "drip", "status:429"};
  const char *outcomes[] = {"ok", "ok", "failed"};
  for (rapidjson::SizeType i = 0; i < 3; ++i) {
    const auto &e = d["entries"][i];
    CHECK(std::string(e["kind"].GetString()) == "client");
    REQUIRE(e["parts"].Size() == 1);
    CHECK(std::string(e["parts"][0]["name"].GetString()) == wires[i]);
    CHECK(std::string(e["outcome"].GetString()) == outcomes[i]);
    CHECK(e.HasMember("expected"));
    CHECK(e.HasMember("actual"));
  }
  CHECK(d["counts"]["failed"].GetUint() == 1);
  CHECK(d["failing"].GetBool());
}

namespace {

/// A persistent client (clients/CONTRACT.md, the persistent form) whose behaviour each request's
/// wire options choose: "drip" hangs, "events" exits 3 saying "boom", "close" answers a line that
/// is not JSON, anything else answers `good`. Every request is logged as "<pid> <options>" to
/// `log`, and a request without each of the contract's fields is answered with garbage. Plain bash,
/// which starts in milliseconds even on a loaded machine.
std::string persistent_client(const TempDir &dir, const std::string &good, const std::string &log) {
  const auto script = dir.write("worker.sh", R"(good=$(cat "$1")
while IFS= read -r line; do
  [[ $line =~ \"options\":\"([^\"]*)\" ]] && options=${BASH_REMATCH[1]} || options=none
  echo "$$ $options" >>"$2"
  for field in base_url stream_url events_url case dialect options timeout_ms; do
    [[ $line == *"\"$field\":"* ]] || options=bad
  done
  [[ $line == *'/chat/completions"'* ]] || options=bad
  case $options in
    drip) sleep 60 ;;
    events) echo boom >&2; exit 3 ;;
    close|bad) echo "not json" ;;
    *) printf '%s\n' "$good" ;;
  esac
done
)");
  return "bash " + script + " " + good + " " + log;
}

} // namespace

TEST_CASE("clients.a-persistent-worker-serves-many-runs-and-is-restarted-after-each-failure") {
  TempDir dir;
  const auto good = dir.write("good.json", seed004_result());
  const auto log = dir.path() + "/requests.log";
  const auto r = run_harness({"clients", "run", "--exec-persistent",
                              persistent_client(dir, good, log), "--jobs", "1", "--timeout", "3",
                              "--wire", "-,bytes:7,drip,events,close,random:3", kSeed004});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("3 passed, 0 non-strict, 0 informational, 0 known deviations, 0 disputed, 0 failed, 3 errors") != std::string::npos);
  CHECK(r.out.find("hung: killed after") != std::string::npos);
  CHECK(r.out.find("the adapter process ended before answering (exit status 3): boom") != std::string::npos);
  CHECK(r.out.find("the adapter answered a line that is not a JSON object (8 bytes: not json)") != std::string::npos);
  // One process for the first three runs, a fresh one after each failure.
  std::istringstream lines(read(log));
  std::vector<std::pair<std::string, std::string>> seen;
  for (std::string pid, options; lines >> pid >> options;)
    seen.emplace_back(pid, options);
  REQUIRE(seen.size() == 6);
  CHECK(seen[0].second == "-");
  CHECK(seen[5].second == "random:3");
  CHECK(seen[0].first == seen[1].first);
  CHECK(seen[1].first == seen[2].first);
  CHECK(seen[3].first != seen[2].first);
  CHECK(seen[4].first != seen[3].first);
  CHECK(seen[5].first != seen[4].first);
}

TEST_CASE("clients.exec-and-exec-persistent-are-one-or-the-other") {
  const auto r = run_harness({"clients", "run", "--exec", "cat", "--exec-persistent", "cat",
                              kSeed004});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("give one of them") != std::string::npos);
  const auto jobs = run_harness({"clients", "run", "--client", "curl", "--jobs", "0", kSeed004});
  CHECK(jobs.exit_code == 2);
  CHECK(jobs.err.find("--jobs takes 1 to 256, not ") != std::string::npos);
}

TEST_CASE("clients.an-sse-level-client-is-judged-event-by-event-on-a-case-with-an-event-log") {
  const std::string c = SSEH_SOURCE_ROOT "/tests/cli/events_case";
  TempDir dir;
  // Right type and data; no id or retry reported: not judged on them.
  const auto good = dir.write(
      "good.json", R"({"sse_events": [{"type": "message", "data": "a\nb"}, {"type": "ping", "data": "x"}], "raised": null})");
  auto r = run_harness({"clients", "run", "--exec", "cat " + good, "--wire", "-", c});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  // A wrong id, reported: the first differing event and field.
  const auto bad = dir.write(
      "bad.json", R"({"sse_events": [{"type": "message", "data": "a\nb", "id": "7"}, {"type": "ping", "data": "x", "id": "8"}], "raised": null})");
  r = run_harness({"clients", "run", "--exec", "cat " + bad, "--wire", "-", c});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("events.jsonl: event 1: id: ") != std::string::npos);
  const auto fewer = dir.write("fewer.json", R"({"sse_events": [{"data": "a\nb"}], "raised": null})");
  r = run_harness({"clients", "run", "--exec", "cat " + fewer, "--wire", "-", c});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("events.jsonl: 2 events expected, 1 dispatched; event 1 missing") !=
        std::string::npos);
  // A faulted wire option is judged on the decoded result of what was sent, as for any case.
  r = run_harness({"clients", "run", "--exec", "cat " + good, "--wire", "status:500", c});
  CHECK(r.out.find("raised: an error must surface") != std::string::npos);
}

// As in check: over the whole matrix (every built-in client, the default wire options, the whole
// corpus the deviations file belongs to) a known deviation that deviated nowhere fails the run, so
// a client's fixed bug is noticed; over part of it, it is only a note.
TEST_CASE("clients.a-stale-deviation-fails-the-whole-matrix-and-is-a-note-otherwise") {
  TempDir dir;
  const std::string root = dir.path() + "/corpus";
  std::filesystem::create_directories(root + "/spec/eventsource-parser");
  std::filesystem::copy(SSEH_CORPUS_DIR "/spec/eventsource-parser/basic",
                        root + "/spec/eventsource-parser/basic");
  dir.write("corpus/deviations.json", R"({"deviations_format": 1, "deviations": [
    {"impl": "curl", "case": "spec/*", "reason": "fixed long ago"},
    {"impl": "eventsource", "case": "gone/*", "variant": "reset:*", "reason": "a case since removed"},
    {"impl": "chromium", "case": "*", "variant": "cut-*", "reason": "a cut is an ordinary end"}]})");
  auto r = run_harness({"clients", "run", "--progress", "none", root});
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL  deviation entry 0 (curl on spec/*) matched only cases that gave the "
                   "expected result in this run: remove it") != std::string::npos);
  CHECK(r.out.find("FAIL  deviation entry 1 (eventsource on gone/*, variant reset:*) matched "
                   "nothing in this run") != std::string::npos);
  CHECK(r.out.find(" 2 failed, ") != std::string::npos);
  r = run_harness({"clients", "run", "--progress", "none", "--client", "curl", root});
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("note: deviation entry 0 (curl on spec/*) matched only cases") !=
        std::string::npos);
  CHECK(r.err.find("deviation entry 1") == std::string::npos); // eventsource did not run
}

// fuzz.import-crash.*: the minimizer on injected predicates, failure signatures, and
// `sse-harness import-crash` end to end with a tiny shell-script crasher as the reproducer.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "check/case_check.hpp"
#include "cli/files.hpp"
#include "cli/process.hpp"
#include "corpus/case.hpp"
#include "fuzz/crash_repro.hpp"
#include "fuzz/minimize.hpp"
#include "fuzz/split_encoding.hpp"
#include "pipeline/implementation.hpp"

using namespace harness::test;
namespace fs = std::filesystem;
namespace fuzz = harness::fuzz;

namespace {

/// A chat stream of about `size` (>= 700) bytes with "BOOM" inside the content of its sixth event.
std::string stream_with_boom(size_t size) {
  std::string out;
  for (int i = 0; out.size() < size; ++i) {
    out += "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
           "\"delta\":{\"content\":\"" +
           std::string(i == 5 ? "xxBOOMxx" : "tok" + std::to_string(i)) + "\"}}]}\n\n";
  }
  return out;
}

/// A chat stream every implementation reassembles the same way (no disputes when blessed).
const std::string kClean =
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"fine\"},"
    "\"finish_reason\":null}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
    "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\","
    "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6,"
    "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
    "data: [DONE]\n\n";

/// The feeds `input` is cut into (split encoding).
std::vector<std::string> feeds_of(std::string_view input) {
  std::vector<std::string> out;
  const fuzz::SplitInput in = fuzz::decode_split(input);
  fuzz::for_each_feed(in, [&](std::string_view f) { out.emplace_back(f); });
  return out;
}

/// A crasher for --exec: dies by SIGSEGV when the input holds BOOM (and, with `need_magic`, starts
/// with the split encoding's 0xFF), exits 0 otherwise.
std::string crasher(const TempDir &tmp, bool need_magic) {
  std::string script = "#!/bin/sh\n";
  if (need_magic)
    script += "head -c 1 \"$1\" | od -An -tx1 | grep -q ff || exit 0\n";
  script += "grep -q BOOM \"$1\" && kill -SEGV $$\nexit 0\n";
  const std::string path = tmp.write(need_magic ? "crash-split.sh" : "crash.sh", script);
  ::chmod(path.c_str(), 0755);
  return path;
}

} // namespace

// ---- the minimizer ------------------------------------------------------------------------------

TEST_CASE("fuzz.import-crash.minimize-reduces-a-5kb-stream-to-the-needle") {
  const std::string input = stream_with_boom(5000);
  REQUIRE(input.size() >= 5000);
  auto boom = [](std::string_view s) { return has(s, "BOOM"); };
  const fuzz::Minimized m = fuzz::minimize(input, boom, 2000);
  CHECK(m.input == "BOOM");
  CHECK_FALSE(m.exhausted);
  CHECK(m.runs > 0);
  CHECK(m.runs < 2000);
  // Deterministic: the same search again.
  const fuzz::Minimized again = fuzz::minimize(input, boom, 2000);
  CHECK(again.input == m.input);
  CHECK(again.runs == m.runs);
}

TEST_CASE("fuzz.import-crash.minimize-drops-a-split-header-that-is-not-needed") {
  const std::vector<uint16_t> lengths{7, 0, 300};
  const std::string input = fuzz::encode_split(lengths, stream_with_boom(2000));
  const fuzz::Minimized m =
      fuzz::minimize(input, [](std::string_view s) { return has(s, "BOOM"); }, 2000);
  CHECK(m.input == "BOOM"); // plain: fed whole
}

TEST_CASE("fuzz.import-crash.minimize-keeps-the-feed-lengths-a-crash-needs") {
  // Crashes only when a feed boundary falls inside BOOM, right after "BO".
  auto cut_inside = [](std::string_view s) {
    const fuzz::SplitInput in = fuzz::decode_split(s);
    if (!has(in.stream, "BOOM"))
      return false;
    const auto f = feeds_of(s);
    return std::find(f.begin(), f.end(), "BO") != f.end();
  };
  const std::string stream = "data: x\n\nBOOM\n" + std::string(600, 'y') + "\n\n";
  const std::string input = fuzz::encode_split(std::vector<uint16_t>{9, 2, 300}, stream);
  REQUIRE(cut_inside(input));
  const fuzz::Minimized m = fuzz::minimize(input, cut_inside, 2000);
  CAPTURE(m.input);
  CHECK(cut_inside(m.input));
  const fuzz::SplitInput out = fuzz::decode_split(m.input);
  CHECK(out.encoded);
  CHECK_FALSE(out.lengths.empty());
  CHECK(out.stream == "BOOM");
  CHECK(m.input.size() <= fuzz::kSplitMagic.size() + 1 + 2 * 2 + 4);
}

TEST_CASE("fuzz.import-crash.minimize-respects-the-run-budget-and-keeps-a-stream") {
  const std::string input = stream_with_boom(3000);
  size_t asked = 0;
  const fuzz::Minimized m = fuzz::minimize(
      input,
      [&](std::string_view s) {
        ++asked;
        return has(s, "BOOM");
      },
      10);
  CHECK(asked == 10);
  CHECK(m.runs == 10);
  CHECK(m.exhausted);
  CHECK(has(m.input, "BOOM"));
  CHECK(m.input.size() < input.size());
  // Whatever reproduces, a case needs bytes: never reduced to an empty stream.
  const fuzz::Minimized any = fuzz::minimize("data: a\n\n", [](std::string_view) { return true; },
                                             2000);
  CHECK(any.input.size() == 1);
}

// ---- signatures ---------------------------------------------------------------------------------

TEST_CASE("fuzz.import-crash.signature-normalises-addresses-and-numbers") {
  CHECK(fuzz::failure_line("noise\n==4711==ERROR: AddressSanitizer: heap-buffer-overflow on "
                           "address 0x602000000031 at pc 0x55d1 bp 0x7ffd sp 0x7ffd\nmore\n") ==
        "ERROR: AddressSanitizer: heap-buffer-overflow");
  CHECK(fuzz::failure_line("harness/sse/utf8.cpp:41:17: runtime error: index 12 out of bounds\n") ==
        "harness/sse/utf8.cpp:N:N: runtime error: index N out of bounds");
  CHECK(fuzz::failure_line("fuzz target parser-whatwg: split-invariance violated: feed 3 at "
                           "byte 0x1f differs\n") ==
        "fuzz target parser-whatwg: split-invariance violated: feed N at byte 0x? differs");
  CHECK(fuzz::failure_line("just chatter\n") == "");

  harness::clients::ProcessOutcome o;
  o.started = true;
  o.exit_code = 0;
  CHECK_FALSE(fuzz::signature_of(o));
  o.exit_code = -1;
  o.signal = 6;
  o.err = "fuzz target pipeline: no-crash violated: boom\n";
  REQUIRE(fuzz::signature_of(o));
  CHECK(fuzz::signature_of(o)->str() ==
        "signal 6 (SIGABRT): fuzz target pipeline: no-crash violated: boom");
  harness::clients::ProcessOutcome hang = o;
  hang.timed_out = true;
  hang.signal = 9;
  CHECK(fuzz::signature_of(hang)->ending == "timeout");
  CHECK_FALSE(*fuzz::signature_of(hang) == *fuzz::signature_of(o));
}

TEST_CASE("fuzz.import-crash.exec-splits-on-spaces-and-needs-the-placeholder") {
  auto argv = fuzz::parse_exec("  build-fuzz/fuzz/fuzz-pipeline   -runs=1 {}  ");
  REQUIRE(argv.ok());
  CHECK(*argv == std::vector<std::string>{"build-fuzz/fuzz/fuzz-pipeline", "-runs=1", "{}"});
  CHECK(fuzz::parse_exec("tool --input={}").ok());
  CHECK_FALSE(fuzz::parse_exec("tool input").ok());
  CHECK_FALSE(fuzz::parse_exec("   ").ok());
}

// ---- the stream.splits of a case, replayed by check ----------------------------------------------

TEST_CASE("fuzz.import-crash.case-splits-are-replayed-by-check") {
  TempDir tmp;
  const std::string stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
  tmp.write("c/c.sse", stream);
  tmp.write("c/case.json",
            R"({"case_format": 1, "title": "t", "why": "w",
                "stream": {"file": "c.sse", "capture": "raw", "splits": ["feeds:3,0,5", "whole"]},
                "provenance": {"source": "s", "provider": "fuzz", "model": "unknown",
                               "licence": "l", "reconstructed": true},
                "request": null, "dialect": "openai-chat", "tags": [], "expect": {}})");
  auto c = harness::corpus::load_case(fs::path(tmp.path()) / "c", "c");
  REQUIRE(c.ok());
  REQUIRE(c->splits.size() == 2);
  CHECK(c->splits[0].split.name() == "feeds:3,0,5");

  harness::check::CaseOptions options;
  options.specs.push_back(harness::split::parse_spec("whole").value());
  options.specs.push_back(harness::split::parse_spec("drip").value());
  const auto *impl = harness::pipeline::find_implementation("whatwg");
  REQUIRE(impl);
  auto rows = harness::check::check_case(*c, {impl}, options,
                                         [](auto, auto, auto) {
                                           return std::vector<harness::check::DeviationView>{};
                                         });
  REQUIRE(rows.size() == 1);
  std::vector<std::string> parts;
  for (const auto &p : rows[0].parts)
    parts.push_back(p.name);
  // Asked-for splits first, then the case's own, "whole" not twice.
  CHECK(parts == std::vector<std::string>{"whole", "drip", "feeds:3,0,5"});
  // expect {} (pending): every implementation fails until someone blesses.
  CHECK(rows[0].outcome == harness::Outcome::failed);

  tmp.write("c/case.json",
            R"({"case_format": 1, "title": "t", "why": "w",
                "stream": {"file": "c.sse", "capture": "raw", "splits": ["feeds:x"]},
                "provenance": {"source": "s", "provider": "fuzz", "model": "unknown",
                               "licence": "l", "reconstructed": true},
                "request": null, "dialect": "openai-chat", "tags": [], "expect": {}})");
  auto bad = harness::corpus::load_case(fs::path(tmp.path()) / "c", "c");
  REQUIRE_FALSE(bad.ok());
  CHECK(has(bad.error().message, "stream.splits[0]"));
}

// ---- the command ----------------------------------------------------------------------------------

TEST_CASE("fuzz.import-crash.cli-minimizes-a-crash-into-a-pending-regression-case") {
  TempDir tmp;
  const std::string input = stream_with_boom(5000);
  const auto src = tmp.write("crash-0123", input);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  const std::string exec = crasher(tmp, false) + " {}";
  auto r = run_harness({"import-crash", src, "--case", "boom", "--exec", exec, "--corpus",
                        corpus.string()});
  INFO(r.out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "reproduced: signal 11 (SIGSEGV)\n"));
  CHECK(has(r.out, "minimized: " + std::to_string(input.size()) + " -> 4 bytes"));
  CHECK(has(r.out, "expectations: pending"));
  const fs::path dir = corpus / "regress" / "boom";
  CHECK(tree(corpus) == std::vector<std::string>{"regress", "regress/boom",
                                                 "regress/boom/boom.sse",
                                                 "regress/boom/case.json"});
  CHECK(slurp(dir / "boom.sse") == "BOOM");
  auto c = harness::corpus::load_case(dir, "regress/boom");
  REQUIRE(c.ok());
  CHECK(c->splits.empty());
  CHECK(c->provenance.reconstructed);
  CHECK(has(c->title, "fuzz crash: crash.sh: signal 11 (SIGSEGV)"));
  CHECK(has(c->provenance.source, "fuzz input crash-0123 (sha1 "));
  CHECK(std::find(c->tags.begin(), c->tags.end(), "source:fuzz") != c->tags.end());
  CHECK((*c->document)["expect"].ObjectEmpty());

  // The case exists now: a second import is refused, with one line, unless --force.
  auto again = run_harness({"import-crash", src, "--case", "boom", "--exec", exec, "--corpus",
                            corpus.string()});
  CHECK(again.exit_code == 2);
  CHECK(one_line(again.err));
  CHECK(has(again.err, "already exists"));
  auto forced = run_harness({"import-crash", src, "--case", "boom", "--exec", exec, "--corpus",
                             corpus.string(), "--force", "--no-minimize"});
  CHECK(forced.exit_code == 0);
  CHECK(slurp(dir / "boom.sse") == input);
  CHECK(tree(corpus).size() == 4); // no staging or old folder left
}

TEST_CASE("fuzz.import-crash.cli-keeps-the-feeds-a-crash-needs-as-a-case-split") {
  TempDir tmp;
  const std::string input =
      fuzz::encode_split(std::vector<uint16_t>{5, 0, 40}, stream_with_boom(1500));
  const auto src = tmp.write("crash-split", input);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import-crash", src, "--case", "needs/split", "--target", "parser-whatwg",
                        "--exec", crasher(tmp, true) + " {}", "--corpus", corpus.string()});
  INFO(r.out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path dir = corpus / "regress" / "needs" / "split";
  CHECK(slurp(dir / "split.sse") == "BOOM");
  auto c = harness::corpus::load_case(dir, "regress/needs/split");
  REQUIRE(c.ok());
  REQUIRE(c->splits.size() == 1);
  CHECK(c->splits[0].text.starts_with("feeds:"));
  CHECK(has(c->title, "fuzz crash: parser-whatwg: signal 11 (SIGSEGV)"));
  CHECK(std::find(c->tags.begin(), c->tags.end(), "fuzz:parser-whatwg") != c->tags.end());
}

TEST_CASE("fuzz.import-crash.cli-stores-an-input-that-does-not-reproduce-and-blesses-it") {
  TempDir tmp;
  const std::string input = kClean;
  const auto src = tmp.write("fixed-input", input);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import-crash", src, "--case", "fixed", "--exec", crasher(tmp, false) + " {}",
                        "--corpus", corpus.string()});
  INFO(r.out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.err, "did not reproduce"));
  CHECK(has(r.out, "expectations: blessed"));
  const fs::path dir = corpus / "regress" / "fixed";
  CHECK(slurp(dir / "fixed.sse") == input);
  auto doc = json_file(dir / "case.json");
  CHECK(doc["expect"]["default"]["events"].GetUint64() == 4);
  CHECK_FALSE(doc.HasMember("disputed"));
  auto check = run_harness({"check", dir.string()});
  INFO(check.out);
  CHECK(check.exit_code == 0);
}

TEST_CASE("fuzz.import-crash.cli-refuses-bad-requests-with-one-line") {
  TempDir tmp;
  const auto src = tmp.write("in", "data: BOOM\n\n");
  const auto empty = tmp.write("empty", "");
  const std::string corpus = (fs::path(tmp.path()) / "corpus").string();
  const std::vector<std::vector<std::string>> bad{
      {"import-crash", src, "--case", "x", "--target", "no-such-target", "--corpus", corpus},
      {"import-crash", src, "--case", "x", "--exec", "/bin/true", "--corpus", corpus},
      {"import-crash", src, "--case", "x", "--corpus", corpus},
      {"import-crash", src, "--case", "../x", "--exec", "/bin/true {}", "--corpus", corpus},
      {"import-crash", (fs::path(tmp.path()) / "missing").string(), "--case", "x", "--exec",
       "/bin/true {}", "--corpus", corpus},
      {"import-crash", empty, "--case", "x", "--exec", "/bin/true {}", "--corpus", corpus},
      {"import-crash", src, "--case", "x", "--exec", "/bin/true {}", "--max-runs", "many"},
  };
  for (const auto &args : bad) {
    CAPTURE(args[1]);
    CAPTURE(args[3]);
    auto r = run_harness(args);
    CHECK(r.exit_code == 2);
    CHECK(one_line(r.err));
  }
  CHECK_FALSE(fs::exists(corpus));
}

TEST_CASE("fuzz.import-crash.cli-default-reproducer-is-fuzz-run-of-this-binary") {
  TempDir tmp;
  const auto src = tmp.write("seed-ok", kClean);
  const fs::path corpus = fs::path(tmp.path()) / "corpus";
  auto r = run_harness({"import-crash", src, "--case", "ok", "--target", "pipeline", "--corpus",
                        corpus.string()});
  INFO(r.out);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "not reproduced: `sse-harness fuzz-run --target pipeline {}` exited 0"));
  auto c = harness::corpus::load_case(corpus / "regress" / "ok", "regress/ok");
  REQUIRE(c.ok());
  CHECK(has(c->title, "fuzz crash: pipeline: did not reproduce"));
  CHECK(std::find(c->tags.begin(), c->tags.end(), "fuzz:pipeline") != c->tags.end());
  CHECK((*c->document)["expect"].HasMember("default"));
}

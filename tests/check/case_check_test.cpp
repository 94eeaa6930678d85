// check.verdicts.*: known deviations and disputes as `check` applies them, through the real binary
// on a corpus written to a temporary folder.
#include <doctest/doctest.h>

#include <string>

#include "cli/process.hpp"

using harness::test::run_harness;
using harness::test::TempDir;

namespace {

// The final [DONE] has no blank line after it: whatwg discards it (done false), tolerant keeps it.
const std::string kStream =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},"
    "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]";

std::string case_json(const std::string &extra = "") {
  return R"({"case_format": 1, "title": "t", "why": "a test case",
  "stream": {"file": "s.sse", "capture": "raw"},
  "provenance": {"source": "test", "provider": "test", "model": "test", "licence": "MIT",
                 "reconstructed": false},
  "request": null, "dialect": "openai-chat", "tags": [],
  "expect": {"default": {"done": true, "choices": [{"index": 0, "role": "assistant", "text": "hi",
    "reasoning": "", "refusal": "", "finish_reason": "stop", "tool_calls": []}]}})" +
         extra + "}";
}

struct Corpus {
  TempDir dir;
  std::string root;
  explicit Corpus(const std::string &extra = "") {
    dir.write("corpus/t/one/s.sse", kStream);
    dir.write("corpus/t/one/case.json", case_json(extra));
    root = dir.path() + "/corpus";
  }
  std::string deviations(const std::string &entries) const {
    return dir.write("deviations.json", R"({"deviations_format": 1, "deviations": [)" + entries +
                                            "]}");
  }
};

bool has(const std::string &text, const std::string &part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("check.verdicts.unlisted-difference-fails") {
  Corpus c;
  const auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", c.deviations("")});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "FAIL  t/one  whatwg"));
  CHECK(has(r.out, "done: expected true, got false"));
}

TEST_CASE("check.verdicts.listed-deviation-passes-and-shows-how") {
  Corpus c;
  const auto dev = c.deviations(
      R"({"impl": "whatwg", "case": "t/*", "reason": "drops the unterminated [DONE]",
          "link": "https://example.org/x", "expect": {"done": false}})");
  const auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "DEVN  t/one  whatwg  known: drops the unterminated [DONE] (https://example.org/x)\n1 cases"));
  CHECK(has(r.out, "1 known deviations"));
  // One line by default; the field-by-field detail with --verbose.
  const auto v = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", dev, "--verbose"});
  CAPTURE(v.out);
  CHECK(has(v.out, "DEVN  t/one  whatwg  known: drops the unterminated [DONE] (https://example.org/x)\n"
                   "      done: expected true, got false\n"));
}

TEST_CASE("check.verdicts.deviation-pinning-another-result-fails") {
  Corpus c;
  const auto dev = c.deviations(
      R"({"impl": "whatwg", "case": "t/one", "reason": "r", "expect": {"events": 7}})");
  const auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "deviates differently"));
  CHECK(has(r.out, "events: expected 7, got 1"));
}

TEST_CASE("check.verdicts.deviation-that-no-longer-happens-fails") {
  Corpus c;
  const auto dev = c.deviations(R"({"impl": "tolerant", "case": "t/one", "reason": "r"})");
  const auto r = run_harness({"check", c.root, "--impl", "tolerant", "--split", "whole",
                              "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "now as expected"));
}

TEST_CASE("check.verdicts.bad-deviations-file-is-trouble") {
  Corpus c;
  const auto unknown = c.deviations(R"({"impl": "no-such-client", "case": "*", "reason": "r"})");
  auto r = run_harness({"check", c.root, "--deviations", unknown});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "no-such-client"));
  const auto no_reason = c.deviations(R"({"impl": "whatwg", "case": "*"})");
  r = run_harness({"check", c.root, "--deviations", no_reason});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "reason"));
}

TEST_CASE("check.verdicts.disputed-case-fails-until-resolved") {
  Corpus c(R"(, "disputed": [{"impl": "whatwg", "differences": ["done: expected true, got false"]}])");
  const auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", c.deviations("")});
  CAPTURE(r.out);
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "DISP  t/one  whatwg"));
}

TEST_CASE("check.verdicts.variant-deviation") {
  Corpus c;
  // lines (split on LF only) sees one endless line when every line end is a bare CR.
  const auto dev = c.deviations(R"({"impl": "lines", "case": "t/*", "variant": "cr",
                                   "reason": "splits on LF only"})");
  const auto r = run_harness({"check", c.root, "--impl", "lines", "--split", "whole", "--variants",
                              "--deviations", dev});
  CAPTURE(r.out);
  CHECK(has(r.out, "DEVN  t/one  lines  variant cr  known: splits on LF only"));
}

TEST_CASE("check.verdicts.deviation-fields-limit-what-it-acknowledges") {
  Corpus c;
  // whatwg differs on `done` only; an entry about the text does not cover that.
  auto dev = c.deviations(R"({"impl": "whatwg", "case": "t/*", "reason": "about text",
                              "fields": ["choices[*].text"]})");
  auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                        "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "differs where no entry of corpus/deviations.json applies"));
  dev = c.deviations(R"({"impl": "whatwg", "case": "t/*", "reason": "about done",
                         "fields": ["done"]})");
  r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole", "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "DEVN  t/one  whatwg  known: about done"));
}

TEST_CASE("check.verdicts.entries-with-other-pins-do-not-apply") {
  Corpus c;
  // Two entries cover `done`; only the one whose pin matches the result applies.
  const auto dev = c.deviations(
      R"({"impl": "whatwg", "case": "t/*", "reason": "wrong pin", "fields": ["done"],
          "expect": {"events": 7}},
         {"impl": "whatwg", "case": "t/*", "reason": "right pin", "fields": ["done"],
          "expect": {"done": false}})");
  const auto r = run_harness({"check", c.root, "--impl", "whatwg", "--split", "whole",
                              "--deviations", dev});
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "known: right pin"));
  CHECK(!has(r.out, "wrong pin"));
}

TEST_CASE("check.verdicts.pattern-entry-stale-over-the-whole-corpus-fails") {
  // The deviations file sits in the corpus folder, so checking that folder with every
  // implementation is a whole run. A stream every implementation agrees on:
  TempDir dir;
  dir.write("corpus/t/one/s.sse",
            "data: {\"id\":\"a\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
            "\"total_tokens\":2,\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
            "data: [DONE]\n\n");
  dir.write("corpus/t/one/case.json",
            R"({"case_format": 1, "title": "t", "why": "w", "stream": {"file": "s.sse", "capture": "raw"},
  "provenance": {"source": "test", "provider": "test", "model": "test", "licence": "MIT",
                 "reconstructed": false},
  "request": null, "dialect": "openai-chat", "tags": [], "expect": {"default": {}}})");
  const std::string root = dir.path() + "/corpus";
  REQUIRE(run_harness({"bless", root + "/t/one"}).exit_code == 0);
  dir.write("corpus/deviations.json", R"({"deviations_format": 1, "deviations": [
    {"impl": "tolerant", "case": "t/*", "reason": "fixed long ago"}]})");
  auto r = run_harness({"check", root, "--split", "whole"});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "FAIL  deviation entry 0 (tolerant on t/*) matched only cases that gave the "
                   "expected result"));
  CHECK(has(r.out, "7 passed, 0 non-strict, 0 informational, 0 known deviations, 0 disputed, 1 failed"));
  // Over part of the implementations it is only a note.
  r = run_harness({"check", root, "--split", "whole", "--impl", "tolerant"});
  CAPTURE(r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.err, "note: deviation entry 0"));
}

#pragma once
// A Run made by hand for the report writers' tests: every outcome class, a case id with '/', '.'
// and markup characters, lines holding control bytes, invalid UTF-8, XML and Markdown specials,
// and one entry about the run itself (a stale known deviation).
#include <string>

#include "report/run.hpp"

namespace harness::test {

/// A difference line with everything a report must escape: control bytes, DEL, invalid UTF-8
/// (a lone 0xFF, a truncated sequence, an encoded surrogate), U+FFFE, and < & " ' > ]]> | `.
inline const std::string kNastyLine =
    "got \x01\x1f\x7f bad \xff \xc3( \xed\xa0\x80 nc \xef\xbf\xbe <b> & \"q\" 'a' ]]> | `x` end";

inline report::Part part(std::string name, Outcome o, std::vector<std::string> lines = {}) {
  return report::Part{std::move(name), o, std::move(lines)};
}

inline report::Entry entry(std::string case_id, std::string impl, std::string kind,
                           std::string variant, std::vector<report::Part> parts,
                           double seconds = 0) {
  report::Entry e;
  e.case_id = std::move(case_id);
  e.impl = std::move(impl);
  e.kind = std::move(kind);
  e.variant = std::move(variant);
  e.parts = std::move(parts);
  e.outcome = report::worst(e.parts);
  e.seconds = seconds;
  return e;
}

/// Two cases ("prov/a.b|c" and "prov/plain") x parsers p1, p2 and client curl, with entries of
/// every class: ok (p1 on prov/plain), non-strict (p2 whole), informational (p2 on prov/plain),
/// failed (a split of p1, with kNastyLine), deviation (p1 crlf), disputed (p2 crlf), error (curl
/// cut-events:2), and a failed run-level entry. Default fail_on. As JUnit: 12 testcases, 3
/// failures, 1 error, 1 skipped.
inline report::Run sample_run() {
  report::Run run;
  run.command = "check";
  run.started = "2026-12-03T18:42:05Z";
  run.seconds = 1.5;
  run.implementations = {"p1", "p2", "curl"};
  run.kinds = {"parser", "parser", "client"};
  run.fail_on = report::default_fail_on();
  run.totals = "2 cases x 3 implementations";
  for (const char *id : {"prov/a.b|c", "prov/plain"}) {
    report::CaseInfo c;
    c.id = id;
    c.title = "a <title> & more";
    c.dialect = "openai-chat";
    c.file = std::string(id) + "/s.sse";
    run.cases.push_back(c);
  }
  const std::string a = "prov/a.b|c", b = "prov/plain";
  run.entries.push_back(
      entry(a, "p1", "parser", "",
            {part("whole", Outcome::ok),
             part("bytes:7", Outcome::failed, {"choice 0 text differs", kNastyLine}),
             part("every", Outcome::informational, {"skipped: too big"})},
            0.3));
  run.entries.push_back(entry(a, "p2", "parser", "",
                              {part("whole", Outcome::non_strict,
                                    {"the expected result, through repairs of the framing:",
                                     "byte 4  sse.cr-alone: lone CR"})},
                              0.1));
  auto dev = entry(a, "p1", "parser", "crlf",
                   {part("crlf", Outcome::deviation, {"done: expected true, got false"})});
  dev.reason = "drops the <last> event & says so";
  run.entries.push_back(dev);
  run.entries.push_back(
      entry(a, "p2", "parser", "crlf",
            {part("crlf", Outcome::disputed, {"bless found this disagreement"})}));
  auto err = entry(a, "curl", "client", "cut-events:2",
                   {part("cut-events:2", Outcome::error, {"curl hung", "killed after 10 s"})});
  err.summary = "received 3 events";
  run.entries.push_back(err);
  // Two parts of one name: the JUnit names must still be unique.
  run.entries.push_back(
      entry(b, "p1", "parser", "", {part("whole", Outcome::ok), part("whole", Outcome::ok)}));
  run.entries.push_back(entry(
      b, "p2", "parser", "",
      {part("whole", Outcome::ok), part("every", Outcome::informational, {"skipped: too big"})}));
  run.entries.push_back(entry(
      "", "p2", "deviations", "",
      {part("stale", Outcome::failed, {"entry 3 (drops the last event) no longer happens"})}));
  return run;
}

} // namespace harness::test

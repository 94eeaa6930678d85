#include "check/check.hpp"

#include "check/compare.hpp"
#include "check/event_log_check.hpp"
#include "pipeline/replay.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"
#include "report/result_json.hpp"

namespace harness::check {

namespace {

/// At most this many difference lines are shown for one split that changes the result.
constexpr size_t kMaxLinesPerSplit = 4;

void split_differs(SplitCheck &out, const split::Split &s, const rapidjson::Value &whole_doc,
                   const StreamResult &got) {
  const auto got_doc = report::to_document(got);
  auto lines = compare(whole_doc, got_doc);
  if (lines.empty()) // only possible if to_document dropped a difference; still a failure
    lines.push_back("results differ");
  for (size_t i = 0; i < lines.size() && i < kMaxLinesPerSplit; ++i)
    out.problems.push_back("split " + s.name() + " changes the result: " + lines[i] +
                           " (whole-stream value is the expected side)");
  if (lines.size() > kMaxLinesPerSplit)
    out.problems.push_back("split " + s.name() + ": " +
                           std::to_string(lines.size() - kMaxLinesPerSplit) + " more differences");
}

} // namespace

StreamCheck check_stream(std::string_view stream, const pipeline::Implementation &impl,
                         std::string_view dialect, const rapidjson::Value *expectation,
                         const std::vector<split::Spec> &specs) {
  StreamExpectation expected;
  expected.result = expectation;
  return check_stream(stream, impl, dialect, expected, specs);
}

StreamCheck check_stream(std::string_view stream, const pipeline::Implementation &impl,
                         std::string_view dialect, const StreamExpectation &expected,
                         const std::vector<split::Spec> &specs) {
  StreamCheck out;
  out.impl = std::string(impl.name);
  const split::Split whole{};
  // Events are recorded only for cases that expect them: the plain replay pays nothing.
  const bool record = expected.record_events || expected.events;
  auto run = [&](const split::Split &s) {
    ++out.replays;
    if (record)
      return pipeline::replay_logged(stream, impl, dialect, s);
    return pipeline::LoggedReplay{pipeline::replay(stream, impl, dialect, s), {}};
  };
  pipeline::LoggedReplay base_run = run(whole);
  const StreamResult &base = base_run.result;
  const auto base_doc = report::to_document(base);
  const rapidjson::Value *expectation = expected.result;

  if (!expectation) {
    if (!expected.result_optional)
      out.problems.push_back("no expectation for '" + out.impl +
                             "' (add expect.default or expect." + out.impl + " to case.json)");
  } else {
    out.mismatches = compare(*expectation, base_doc);
  }
  if (expected.events) {
    if (auto d = event_log_difference(expected.events->file, expected.events->events,
                                      base_run.events))
      out.mismatches.push_back(*d);
  } else if (record && !expected.missing_events.empty()) {
    out.problems.push_back(expected.missing_events);
  }
  const auto whole_events = as_expected(base_run.events);

  for (const auto &spec : specs) {
    SplitCheck &sc = out.splits.emplace_back();
    sc.spec = !spec.text.empty() ? spec.text : spec.every ? "every" : spec.split.name();
    if (spec.every) {
      if (stream.size() > split::kEveryMaxBytes) {
        sc.skipped = true;
        out.notes.push_back("split every skipped: the stream has " + std::to_string(stream.size()) +
                            " bytes, above the " + std::to_string(split::kEveryMaxBytes) +
                            "-byte limit for checking every split point");
        continue;
      }
      const pipeline::ParserTrace want(stream, impl, whole);
      const pipeline::SplitPoints points = pipeline::check_split_points(stream, impl, want);
      out.split_points += points.points - points.failing;
      if (points.failing == 0)
        continue;
      // The first failing point in full: its first differing parser call, then what that does to
      // the reassembled result; the others counted.
      const split::Split first{split::Split::Kind::at, points.first};
      sc.problems.push_back("split " + first.name() + " changes the parser's calls: " +
                            points.difference);
      const auto got = run(first).result;
      if (got == base)
        sc.problems.push_back("split " + first.name() + " gives the same reassembled result");
      else
        split_differs(sc, first, base_doc, got);
      if (points.failing > 1)
        sc.problems.push_back("split every: " + std::to_string(points.failing) +
                              " split points change the parser's calls (the first one shown)");
      continue;
    }
    const auto got = run(spec.split);
    if (!(got.result == base))
      split_differs(sc, spec.split, base_doc, got.result);
    else if (record)
      if (auto d = event_log_difference("the whole stream's events", whole_events, got.events))
        sc.problems.push_back("split " + spec.split.name() + " changes the event log: " + *d);
  }
  for (const auto &sc : out.splits)
    out.problems.insert(out.problems.end(), sc.problems.begin(), sc.problems.end());
  out.passed = out.problems.empty() && out.mismatches.empty();
  out.result = base;
  if (record)
    out.events = std::move(base_run.events);
  return out;
}

} // namespace harness::check

#include "check/case_check.hpp"

#include "core/finding_groups.hpp"

#include <algorithm>

#include "check/compare.hpp"
#include "check/variant_check.hpp"
#include "corpus/deviations.hpp"
#include "dialect/sse/sse_level.hpp"
#include "corpus/expectation.hpp"
#include "report/result_json.hpp"
#include "rules/rule_ids.hpp"

namespace harness::check {

namespace {

/// Whether implementation `impl` throws away an event that is not followed by a blank line at the
/// end of the stream (the WHATWG rule) — decides what `no-final-blank` must give.
bool drops_unterminated(const pipeline::Implementation &impl) {
  return impl.drops_unterminated_event;
}

/// expect.<impl> when the case has it, else default restricted to what `impl` is judged on.
std::optional<rapidjson::Document> expectation(const corpus::Case &c,
                                               const pipeline::Implementation &impl) {
  auto e = corpus::expectation_for(c, impl.name);
  if (!e || impl.kind != pipeline::Kind::profile)
    return e;
  const auto own = corpus::expectation_parsers(c);
  if (std::find(own.begin(), own.end(), std::string(impl.name)) != own.end())
    return e;
  return judged_part(*e, impl.kind);
}

/// The "disputed" entry of case.json for `impl`: the difference lines bless recorded.
std::optional<std::vector<std::string>> disputed(const corpus::Case &c, std::string_view impl) {
  if (!c.document || !c.document->HasMember("disputed"))
    return std::nullopt;
  for (const auto &d : (*c.document)["disputed"].GetArray()) {
    if (!d.HasMember("impl") || std::string_view(d["impl"].GetString()) != impl)
      continue;
    std::vector<std::string> lines;
    if (d.HasMember("differences"))
      for (const auto &l : d["differences"].GetArray())
        lines.emplace_back(l.GetString());
    return lines;
  }
  return std::nullopt;
}

/// A repair of the framing: what a lenient parser (tolerant) fixed that the WHATWG rules would
/// not have: a missing blank line, a payload on the line after `data:`, an unterminated last event
/// dispatched anyway. The same findings from a parser that follows the rules (whatwg discarding
/// the unterminated event) are not repairs.
bool is_repair(const Finding &f, const pipeline::Implementation &impl) {
  if (f.rule == rules::sse_blank_line_missing.id || f.rule == rules::sse_payload_on_next_line.id)
    return true;
  return f.rule == rules::sse_unterminated_event.id && !impl.drops_unterminated_event;
}

std::string reason_of(const DeviationView &d) {
  return d.link.empty() ? d.reason : d.reason + " (" + d.link + ")";
}

} // namespace

void apply_deviations(Row &row, const std::vector<DeviationView> &devs,
                      std::vector<std::string> differences, const rapidjson::Value *actual) {
  if (differences.empty()) {
    for (const auto &d : devs)
      if (d.must_deviate) {
        row.outcome = Outcome::failed;
        row.reason = reason_of(d);
        row.lines.push_back("listed as a known deviation, but the result is now as expected: "
                            "remove entry " + std::to_string(d.entry) +
                            " from corpus/deviations.json (" + d.reason + ")");
      }
    return; // an entry with a case pattern may match cases it does not affect
  }
  std::vector<std::vector<std::string>> pin_misses(devs.size());
  if (actual) {
    for (size_t i = 0; i < devs.size(); ++i)
      if (devs[i].expect)
        pin_misses[i] = compare(*devs[i].expect, *actual);
  }
  std::vector<bool> active(devs.size(), false);
  std::vector<std::string> unacknowledged;
  for (const auto &line : differences) {
    const auto path = corpus::difference_path(line);
    bool covered = false;
    for (size_t i = 0; i < devs.size(); ++i)
      if (pin_misses[i].empty() && corpus::covers(devs[i].fields, path))
        covered = active[i] = true;
    if (!covered)
      unacknowledged.push_back(line);
  }
  for (size_t i = 0; i < devs.size(); ++i)
    if (active[i]) {
      row.reason += (row.reason.empty() ? "" : "; ") + reason_of(devs[i]);
      row.deviated.push_back(devs[i].entry);
    }
  // An entry naming this case alone must still apply.
  std::vector<std::string> stale;
  for (size_t i = 0; i < devs.size(); ++i) {
    if (!devs[i].must_deviate || active[i])
      continue;
    stale.push_back("entry " + std::to_string(devs[i].entry) + " (" + devs[i].reason + ")" +
                    (pin_misses[i].empty() ? ": none of its fields differs any more"
                                           : ": the result is not the one it pins:"));
    stale.insert(stale.end(), pin_misses[i].begin(), pin_misses[i].end());
  }
  if (unacknowledged.empty() && stale.empty()) {
    row.outcome = Outcome::deviation;
    row.lines = std::move(differences);
    return;
  }
  row.outcome = Outcome::failed;
  row.deviated.clear();
  if (!unacknowledged.empty()) {
    row.lines.push_back("differs where no entry of corpus/deviations.json applies:");
    row.lines.insert(row.lines.end(), unacknowledged.begin(), unacknowledged.end());
  }
  if (!stale.empty()) {
    row.lines.push_back("deviates differently than corpus/deviations.json says:");
    row.lines.insert(row.lines.end(), stale.begin(), stale.end());
  }
}

std::vector<Row> check_case(const corpus::Case &c,
                            const std::vector<const pipeline::Implementation *> &impls,
                            const CaseOptions &options, const DeviationLookup &deviations) {
  std::vector<Row> rows;
  const std::string_view stream = c.capture.stream();
  // The case's own splits (stream.splits) come after the ones asked for, each once.
  std::vector<split::Spec> specs = options.specs;
  for (const auto &own : c.splits)
    if (std::none_of(specs.begin(), specs.end(),
                     [&](const split::Spec &s) { return s.text == own.text; }))
      specs.push_back(own);
  for (const auto *impl : impls) {
    if (!pipeline::handles(*impl, c.dialect))
      continue;
    const auto expected = expectation(c, *impl);
    StreamExpectation want;
    want.result = expected ? &*expected : nullptr;
    want.events = corpus::event_log_for(c.event_logs, impl->name, impl->sse_layer);
    // An SSE-level case is judged on its event log alone: every implementation needs one.
    want.result_optional = want.record_events = c.dialect == dialect::kSse;
    want.missing_events = "no event log for '" + std::string(impl->name) + "' (add " +
                          corpus::event_log_file("") + " or " +
                          corpus::event_log_file(impl->name) +
                          " beside the stream; `sse-harness bless` writes them)";
    auto sc = check_stream(stream, *impl, c.dialect, want, specs);
    Row row;
    row.impl = std::string(impl->name);
    row.replays = sc.replays;
    row.split_points = sc.split_points;
    row.notes = std::move(sc.notes);
    row.actual = std::make_shared<const rapidjson::Document>(report::to_document(sc.result));
    if (expected) {
      auto copy = std::make_shared<rapidjson::Document>();
      copy->CopyFrom(*expected, copy->GetAllocator());
      row.expected = std::move(copy);
    }
    row.findings = sc.result.findings;
    if (auto lines = disputed(c, impl->name)) {
      row.outcome = Outcome::disputed;
      row.lines = std::move(*lines);
      row.lines.insert(row.lines.begin(),
                       "bless found this disagreement and nobody has resolved it: add expect." +
                           row.impl + " to case.json or a corpus/deviations.json entry, then "
                           "bless again");
    } else if (auto devs = deviations(c.id, impl->name, ""); !devs.empty()) {
      apply_deviations(row, devs, sc.mismatches, row.actual.get());
    } else if (!sc.mismatches.empty()) {
      row.outcome = Outcome::failed;
      row.lines = sc.mismatches;
    } else if (std::any_of(sc.result.findings.begin(), sc.result.findings.end(),
                           [&](const Finding &f) { return is_repair(f, *impl); })) {
      row.outcome = Outcome::non_strict;
      // The first line says which repairs (the one line text reports show); then one line per
      // rule, repeats grouped; every finding is in the result.
      std::vector<const Finding *> repairs;
      for (const auto &f : sc.result.findings)
        if (is_repair(f, *impl))
          repairs.push_back(&f);
      const auto groups = group_findings(repairs);
      std::string which;
      for (const auto &g : groups)
        which += (which.empty() ? "" : ", ") + group_label(g);
      row.lines.push_back("the expected result, through repairs of the framing: " + which);
      for (const auto &g : groups)
        row.lines.push_back(group_bytes(g) + "  " + group_label(g) + ": " + g.first->message);
    }
    // Problems that are not a split's (a missing expectation) belong to the whole stream.
    size_t split_problems = 0;
    for (const auto &s : sc.splits)
      split_problems += s.problems.size();
    if (sc.problems.size() > split_problems) {
      row.outcome = Outcome::failed;
      row.lines.insert(row.lines.end(), sc.problems.begin(),
                       sc.problems.end() - static_cast<std::ptrdiff_t>(split_problems));
    }
    row.parts.push_back(Part{"whole", row.outcome, row.lines});
    for (const auto &s : sc.splits) {
      if (s.spec == "whole" && s.problems.empty())
        continue; // the same replay as the "whole" part's
      // Split dependence is never a tolerated deviation.
      Part part{s.spec, s.problems.empty() ? Outcome::ok : Outcome::failed, s.problems};
      if (s.skipped) {
        part.outcome = Outcome::informational;
        part.lines.push_back("skipped: the stream has " + std::to_string(stream.size()) +
                             " bytes, above the " + std::to_string(split::kEveryMaxBytes) +
                             "-byte limit for checking every split point");
      }
      row.outcome = worse(row.outcome, part.outcome);
      row.lines.insert(row.lines.end(), s.problems.begin(), s.problems.end());
      row.parts.push_back(std::move(part));
    }
    rows.push_back(std::move(row));

    if (!options.variants)
      continue;
    for (auto &vc : check_variants(stream, *impl, c.dialect, drops_unterminated(*impl),
                                   options.variant_splits)) {
      Row vrow;
      vrow.impl = std::string(impl->name);
      vrow.variant = vc.variant;
      if (auto devs = deviations(c.id, impl->name, vc.variant); !devs.empty()) {
        apply_deviations(vrow, devs, vc.problems, nullptr);
      } else if (!vc.passed) {
        vrow.outcome = Outcome::failed;
        vrow.lines = std::move(vc.problems);
      }
      vrow.parts.push_back(Part{vc.variant, vrow.outcome, vrow.lines});
      rows.push_back(std::move(vrow));
    }
  }
  return rows;
}

} // namespace harness::check

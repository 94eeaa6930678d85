#include "check/case_check.hpp"

#include <algorithm>

#include "check/compare.hpp"
#include "check/variant_check.hpp"
#include "corpus/expectation.hpp"
#include "report/result_json.hpp"

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

std::string reason_of(const DeviationView &d) {
  return d.link.empty() ? d.reason : d.reason + " (" + d.link + ")";
}

/// Applies a listed deviation to a result that `differences` describes (empty = as expected).
/// `result` is null for variants, whose deviations cannot pin a partial result.
void apply_deviation(Row &row, const DeviationView &dev, std::vector<std::string> differences,
                     const StreamResult *result) {
  row.reason = reason_of(dev);
  if (differences.empty()) {
    row.outcome = Outcome::failed;
    row.lines.push_back("listed as a known deviation, but the result is now as expected: remove "
                        "the entry from corpus/deviations.json (" + dev.reason + ")");
    return;
  }
  if (dev.expect && result) {
    const auto pinned = compare(*dev.expect, report::to_document(*result));
    if (!pinned.empty()) {
      row.outcome = Outcome::failed;
      row.lines.push_back("deviates differently than corpus/deviations.json says:");
      row.lines.insert(row.lines.end(), pinned.begin(), pinned.end());
      return;
    }
  }
  row.outcome = Outcome::deviation;
  row.lines = std::move(differences);
}

} // namespace

std::string_view to_string(Outcome o) {
  switch (o) {
  case Outcome::ok:
    return "ok";
  case Outcome::deviation:
    return "deviation";
  case Outcome::disputed:
    return "disputed";
  case Outcome::failed:
    return "failed";
  }
  return "failed";
}

std::vector<Row> check_case(const corpus::Case &c,
                            const std::vector<const pipeline::Implementation *> &impls,
                            const CaseOptions &options, const DeviationLookup &deviations) {
  std::vector<Row> rows;
  const std::string_view stream = c.capture.stream();
  for (const auto *impl : impls) {
    if (!pipeline::handles(*impl, c.dialect))
      continue;
    const auto expected = expectation(c, *impl);
    auto sc = check_stream(stream, *impl, c.dialect, expected ? &*expected : nullptr,
                           options.specs);
    Row row;
    row.impl = std::string(impl->name);
    row.replays = sc.replays;
    row.split_points = sc.split_points;
    row.notes = std::move(sc.notes);
    if (auto lines = disputed(c, impl->name)) {
      row.outcome = Outcome::disputed;
      row.lines = std::move(*lines);
      row.lines.insert(row.lines.begin(),
                       "bless found this disagreement and nobody has resolved it: add expect." +
                           row.impl + " to case.json or a corpus/deviations.json entry, then "
                           "bless again");
    } else if (auto dev = deviations(c.id, impl->name, "")) {
      apply_deviation(row, *dev, sc.mismatches, &sc.result);
    } else if (!sc.mismatches.empty()) {
      row.outcome = Outcome::failed;
      row.lines = sc.mismatches;
    }
    if (!sc.problems.empty()) { // split dependence is never a tolerated deviation
      row.outcome = Outcome::failed;
      row.lines.insert(row.lines.end(), sc.problems.begin(), sc.problems.end());
    }
    rows.push_back(std::move(row));

    if (!options.variants)
      continue;
    for (auto &vc : check_variants(stream, *impl, c.dialect, drops_unterminated(*impl),
                                   options.variant_splits)) {
      Row vrow;
      vrow.impl = std::string(impl->name);
      vrow.variant = vc.variant;
      if (auto dev = deviations(c.id, impl->name, vc.variant)) {
        apply_deviation(vrow, *dev, vc.problems, nullptr);
      } else if (!vc.passed) {
        vrow.outcome = Outcome::failed;
        vrow.lines = std::move(vc.problems);
      }
      rows.push_back(std::move(vrow));
    }
  }
  return rows;
}

} // namespace harness::check

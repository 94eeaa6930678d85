#pragma once
// Checking one case with every implementation that handles its dialect: the verdict rows `check`
// prints. Builds on check_stream (expectation + split invariance) and check_variants, and applies
// the two things a case can say about an implementation besides its expectation:
//   known deviations  (corpus/deviations.json) an implementation is known to mis-reassemble the case
//                     (or one of its variants): its result must differ from the expectation — a
//                     deviation that no longer happens is a failure, so fixes get noticed — and,
//                     when the deviation pins a partial result, match that;
//   disputes          (case.json "disputed", written by bless) implementations disagreed on
//                     something the expectation pins and nobody has decided who is right yet.
// SDK profiles are compared on what their SDK shows the user (done, choices, usage, raised), not
// on events, errors or findings, which only the harness's parsers report; a case's own
// expect.<profile> entry, when present, is compared whole.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "check/check.hpp"
#include "core/outcome.hpp"
#include "corpus/case.hpp"
#include "pipeline/implementation.hpp"

namespace harness::check {

/// The outcome classes (core/outcome.hpp); `error` is for clients that could not be judged (hung,
/// crashed without a word, printed something unreadable).
using Outcome = harness::Outcome;

/// One verdict inside a row (a JUnit testcase): "whole", the case's own stream against its
/// expectation and the known deviations; one split spec against the whole-stream result; a
/// metamorphic variant; a client run's wire option.
struct Part {
  std::string name;
  Outcome outcome = Outcome::ok;
  std::vector<std::string> lines;
};

struct Row {
  std::string impl;
  std::string variant;            ///< empty for the case's own stream
  Outcome outcome = Outcome::ok;  ///< the worst of the parts'
  std::vector<std::string> lines; ///< failed: the problems; deviation: how the result differs
  /// The verdicts the outcome is made of: for the case's own stream "whole" and then one per split
  /// spec checked; for a variant or a client run, one. `lines` is theirs, concatenated.
  std::vector<Part> parts;
  /// The merged expectation the whole-stream result was compared with, and that result; null for
  /// variants (judged against derived results) and where nothing was compared.
  std::shared_ptr<const rapidjson::Document> expected, actual;
  std::vector<Finding> findings;  ///< the whole-stream result's findings
  std::string reason;             ///< deviation: the listed reasons (and links)
  std::vector<size_t> deviated;   ///< deviation: the entries (DeviationView::entry) that applied
  uint64_t replays = 0;
  uint64_t split_points = 0;
  std::vector<std::string> notes; ///< not failures
};

/// One entry of the known-deviations file that is about (case, implementation, variant); see
/// corpus/deviations.hpp for how entries acknowledge differences.
struct DeviationView {
  size_t entry = 0; ///< the entry's position in the file
  std::string reason;
  std::string link;
  const rapidjson::Value *expect = nullptr; ///< partial result the deviating result must match
  std::vector<std::string> fields;          ///< result paths acknowledged; empty = all
  bool must_deviate = false;                ///< names this case alone, so it must still deviate
};
/// Every entry about (case, implementation, variant); empty when none.
using DeviationLookup = std::function<std::vector<DeviationView>(
    std::string_view case_id, std::string_view impl, std::string_view variant)>;

struct CaseOptions {
  /// Splits for the case's own stream; the case's stream.splits are replayed too (after these).
  std::vector<split::Spec> specs;
  bool variants = false;                    ///< also check the metamorphic variants
  std::vector<split::Split> variant_splits; ///< splits each variant is replayed under
};

/// Rows for every implementation in `impls` that handles the case's dialect, in `impls` order;
/// with variants, each implementation's rows are followed by one row per applicable variant.
std::vector<Row> check_case(const corpus::Case &c,
                            const std::vector<const pipeline::Implementation *> &impls,
                            const CaseOptions &options, const DeviationLookup &deviations);

/// Applies the listed deviations to a row whose result `differences` describes (empty = as
/// expected), setting its outcome, lines, reason and deviated entries. An entry whose `expect`
/// the result does not match does not apply (several entries may cover the same path with
/// different pins); of the others, an entry is active when it acknowledges at least one
/// difference, and only active entries give the row its reasons. `actual` is the result document,
/// or null where deviations cannot pin a partial result (variants).
void apply_deviations(Row &row, const std::vector<DeviationView> &devs,
                      std::vector<std::string> differences, const rapidjson::Value *actual);

} // namespace harness::check

#pragma once
// The known-deviations file as `check` uses it: a lookup by (case, implementation, variant) that
// remembers which entries matched, and is told which ones deviated, so stale entries are found.
#include <memory>
#include <string>
#include <vector>

#include "check/case_check.hpp"
#include "core/error.hpp"
#include "corpus/deviations.hpp"

namespace harness::cli {

class DeviationTable {
public:
  explicit DeviationTable(std::vector<corpus::Deviation> entries);
  /// For check::check_case. An entry applies to a variant only when it names that variant, and to
  /// the case's own stream only when it names none.
  check::DeviationLookup lookup;
  /// Records that the entries of a DEVN row (check::Row::deviated) deviated.
  void deviated(const std::vector<size_t> &entries);
  /// One line per entry that deviated nowhere in this run: it matched nothing (a typo, or cases
  /// and implementations outside the run) or matched cases that all gave the expected result.
  /// Entries for variants count only when `variants_checked`.
  std::vector<std::string> stale(bool variants_checked) const;

private:
  struct State;
  std::shared_ptr<State> state_;
};

/// corpus/deviations.json next to the bundled corpus (see default_corpus_dir).
std::string default_deviations_file();

/// Loads the file (missing = no deviations). Errors also for an entry naming an implementation that
/// does not exist or lacking a reason.
Result<DeviationTable> load_deviation_lookup(const std::string &path);

} // namespace harness::cli

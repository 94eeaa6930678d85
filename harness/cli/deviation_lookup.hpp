#pragma once
// The known-deviations file as `check` uses it: a lookup by (case, implementation, variant) that
// remembers which entries were used, so entries that matched nothing can be reported.
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
  /// One line per entry that matched nothing in this run.
  std::vector<std::string> unused() const;

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

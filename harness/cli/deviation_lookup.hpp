#pragma once
// The known-deviations file as `check` uses it: a lookup by (case, implementation, variant) that
// remembers which entries matched, and is told which ones deviated, so stale entries are found.
#include <functional>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "check/case_check.hpp"
#include "core/error.hpp"
#include "corpus/deviations.hpp"
#include "report/run.hpp"

namespace harness::cli {

class DeviationTable {
public:
  explicit DeviationTable(std::vector<corpus::Deviation> entries);
  /// For check::check_case and clients::judge. An entry applies to a variant only when its
  /// `variant` matches it (a glob, '*' for any run of characters), and to the case's own stream
  /// only when it names none.
  check::DeviationLookup lookup;
  /// Records that the entries of a DEVN row (check::Row::deviated) deviated.
  void deviated(const std::vector<size_t> &entries);
  /// The entries that deviated nowhere in this run: they matched nothing (a typo, or cases and
  /// implementations outside the run) or matched cases that all gave the expected result.
  /// Entries for variants count only when `variants_checked`, and entries only when `in_run`
  /// says their implementation (or client) was part of the run. report::stale_line says each.
  std::vector<report::UnusedDeviation>
  unused(bool variants_checked, const std::function<bool(std::string_view)> &in_run) const;

private:
  struct State;
  std::shared_ptr<State> state_;
};

/// corpus/deviations.json next to the bundled corpus (see default_corpus_dir).
std::string default_deviations_file();

/// Loads the file (missing = no deviations). Errors also for an entry naming neither an
/// implementation, nor a built-in client, nor one of `extra_names` (--exec clients), and for an
/// entry lacking a reason.
Result<DeviationTable> load_deviation_lookup(const std::string &path,
                                             const std::vector<std::string> &extra_names = {});

/// --deviations, else the file of the corpus the first PATH is in (a folder named `corpus`, or
/// one inside it), else, with no PATH, the bundled corpus's. Empty: no deviations file applies.
std::string deviations_file_for(const cxxopts::ParseResult &opts);

/// Whether the run covers the whole corpus the deviations file belongs to: no PATH (the bundled
/// corpus), or only PATHs that are that corpus's folder.
bool covers_corpus(const cxxopts::ParseResult &opts, const std::string &deviations_file);

} // namespace harness::cli

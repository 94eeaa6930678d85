#pragma once
// `--report text` (the default): a Run for a terminal or a CI log. One line per entry that is not
// ok (all of them with `verbose`), its lines indented below it; for `clients run` a matrix of cases
// x clients; for `lint` each case's findings; then one summary line counting every class:
//   43 cases x 7 implementations: 181 passed, 4 non-strict, 0 informational, 68 known
//   deviations, 0 disputed, 0 failed, 0 errors
// Labels are coloured only when `colour` (the caller decides: a terminal, no NO_COLOR).
#include <ostream>
#include <string>

#include "report/run.hpp"

namespace harness::report {

struct TextOptions {
  bool colour = false;
  bool verbose = false;
};

/// The four-letter label of a class (PASS, NSTR, INFO, DEVN, DISP, FAIL, ERR!).
std::string outcome_label(Outcome outcome, bool colour);

/// One entry, as `check` and `clients run` print it while the run goes on.
void write_entry(std::ostream &out, const Entry &entry, const TextOptions &options);

/// The whole run: the entries (unless `entries_written`: they were printed as they came), the
/// matrix (clients run), and the summary line.
void write_text(std::ostream &out, const Run &run, const TextOptions &options,
                bool entries_written = false);

/// The summary line without its newline.
std::string summary_line(const Run &run);

} // namespace harness::report

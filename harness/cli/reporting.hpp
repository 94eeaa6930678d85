#pragma once
// The report options every judging command shares (check, lint, clients run), and turning their
// results into the one result model (report/run.hpp):
//   --report FORMAT[=FILE]  text, json, junit, markdown or html; to FILE (written atomically, its
//                           folder made when missing), or to stdout without one (repeatable; at most one to stdout). Unless a
//                           report goes to stdout, the text report is printed there as well.
//   --fail-on CLASSES       comma-separated outcome classes that make the exit code 1 (default
//                           failed,disputed,error; "none" for never)
//   --progress MODE         auto, bar, lines or none (stderr)
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "check/case_check.hpp"
#include "cli/selection.hpp"
#include "core/error.hpp"
#include "corpus/case.hpp"
#include "report/progress.hpp"
#include "report/run.hpp"
#include "report/text_report.hpp"

namespace harness::cli {

void add_report_options(cxxopts::Options &options);

struct ReportTarget {
  std::string format; ///< text, json, junit, markdown, html
  std::string file;   ///< "" = stdout
};

struct ReportOptions {
  std::vector<ReportTarget> targets; ///< always holds text to stdout unless stdout is taken
  std::set<Outcome> fail_on;
  report::ProgressMode progress = report::ProgressMode::automatic;
  /// Text goes to stdout, so entries can be printed as they are judged.
  bool text_to_stdout() const;
};

/// Errors: an unknown format, an empty FILE, two reports to stdout, an unknown class in
/// --fail-on, an unknown progress mode.
Result<ReportOptions> report_options_of(const cxxopts::ParseResult &opts);

/// What a judging command reads from its options before it runs: the selection, the report
/// options and, when asked, the cases under its PATHs that the selection keeps.
struct RunSetup {
  Selection selection;
  ReportOptions reports;
  std::vector<corpus::Case> cases;
  /// The options as given, without --shard, the report options and -v: what the shards of one
  /// run share (report::Run::invocation).
  std::string invocation;
  /// An empty Run of `command` with its start time, shard, invocation and fail_on set.
  report::Run start(std::string command) const;
};

/// Errors: those of selection_of, report_options_of and (with `discover`) discover_case_paths.
Result<RunSetup> run_setup(const cxxopts::ParseResult &opts, bool discover);

/// Writes every report but the streamed text (when `text_streamed`, the entries are already on
/// stdout and only the summary is added). Files are written atomically; errors name the file.
Status write_reports(const report::Run &run, const ReportOptions &options, std::ostream &out,
                     const report::TextOptions &text, bool text_streamed);

/// Adds a just-judged entry to `run`: printed at once when the text report streams to stdout
/// (entries that are not ok, or all with text.verbose), the progress bar put aside meanwhile;
/// `failing` counts the entries whose class is in run.fail_on.
void add_entry(report::Run &run, report::Entry entry, bool stream_text, std::ostream &out,
               const report::TextOptions &text, report::Progress &progress, size_t &failing);

/// A case as reports show it: its bytes, event starts and the reference replay's findings.
report::CaseInfo case_info(const corpus::Case &c);

/// A verdict row of check_case or a client run as an entry.
report::Entry entry_of(const check::Row &row, const std::string &case_id, std::string kind);

/// The failed entry for a stale known deviation, as a run over the whole corpus with every
/// implementation (or the merge of its shards) reports it.
report::Entry stale_entry(const report::UnusedDeviation &u);

/// Where a run's text goes as entries are added.
struct EntrySink {
  std::ostream &out;
  const report::TextOptions &text;
  bool stream_text; ///< print each entry to `out` as it is added
};

/// What a run says of the known deviations that deviated nowhere in it (`unused`). `everything`:
/// the run has every implementation (check) or every built-in client under the default wire
/// options (clients run), over the whole corpus the deviations file belongs to.
///  - everything, not narrowed by --case, --skip, --tag or --shard: each is stale, a failed entry
///    of the run (a fixed bug is noticed);
///  - everything in a shard (--shard only): the report lists them (Run::unused_deviations), for
///    merge-reports to fail on those unused in every shard;
///  - otherwise a note on `err`: one per entry, or, where the selection narrowed the run (most
///    entries are then about cases left out), one line counting them.
void settle_unused_deviations(const std::vector<report::UnusedDeviation> &unused, bool everything,
                              const Selection &selection, report::Run &run, const EntrySink &sink,
                              std::ostream &err, const std::string &command);

/// Now, in UTC, as "2026-12-03T18:42:05Z".
std::string utc_now();

/// Whether stderr is a terminal (for the progress bar).
bool stderr_is_tty();

} // namespace harness::cli

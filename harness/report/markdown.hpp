#pragma once
// A Run as GitHub-flavoured Markdown, short enough for a job summary ($GITHUB_STEP_SUMMARY, at
// most 1 MiB per step) or a pull-request comment. `--report markdown=FILE` writes it.
//
// In order:
//   a title line: the command and the verdict, "✅ passed" or "❌ failing: 3 failed, 1 error"
//     (entries per class in run.fail_on);
//   what the run covered (run.totals, shard, time) and fail_on;
//   a table of entries per outcome class;
//   a matrix, one row per case and one column per implementation, each cell the worst class of
//     that case x implementation's entries as an emoji (legend below it), when there are at most
//     40 cases and 12 implementations; otherwise a table of entries per class per implementation;
//     either way followed by a line counting the entries about the run itself (case_id "", such
//     as a stale known deviation), which belong to no row or column;
//   the entries that are not ok, the classes in fail_on first (failed, error, disputed, then the
//     others), each as "case · impl · variant" in a collapsible <details> block with the reason of
//     a deviation and the first lines of each part that is not ok in a fenced block; at most 50
//     entries, then "and N more".
// The whole document stays under kMarkdownMaxBytes, whatever the run holds. Case ids, names and
// lines are escaped for where they stand (table cells, HTML, fenced blocks), after printable().
#include <cstddef>
#include <string>

#include "report/run.hpp"

namespace harness::report {

/// The size the document never exceeds: half of GitHub's limit for one step summary.
inline constexpr size_t kMarkdownMaxBytes = 512 * 1024;

/// The summary, UTF-8, ending in a newline.
std::string to_markdown(const Run &run);

} // namespace harness::report

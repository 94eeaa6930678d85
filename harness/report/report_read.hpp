#pragma once
// Reading a report document back (the inverse of report_json.hpp), so reports written by separate
// jobs, such as the shards of one run, can be joined and rendered in any format.
#include <string>

#include "core/error.hpp"
#include "report/run.hpp"

namespace harness::report {

/// The Run a `--report json` file describes. The file must be valid against
/// schemas/report.schema.json (the error names the file and the failing JSON pointer; malformed
/// JSON names the byte offset). Case streams are not in the JSON report: each case's stream is
/// read back from its `file` when that file still exists, and stays empty otherwise.
Result<Run> read_report(const std::string &file);

} // namespace harness::report

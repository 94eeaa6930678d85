#pragma once
// Joining the shards of one run (`check --shard K/N` in N CI jobs) back into the run they split,
// as if it had run whole: `sse-harness merge-reports`.
#include <string>
#include <vector>

#include "core/error.hpp"
#include "report/run.hpp"

namespace harness::report {

/// One Run from the reports of all N shards of one run (`files` name them, for errors). Refused,
/// naming the file: a report that is not a shard (no K/N); reports of different runs (command,
/// invocation, implementations, fail-on or N differ); two reports of the same shard or holding
/// the same case; a shard missing. The result has the cases and entries of all shards in case-id
/// order (the order a whole run discovers them in), the earliest start, the longest shard's wall
/// time (the jobs ran side by side), totals recounted, and no shard.
/// A shard's entries about the run itself (stale known deviations) are dropped: a shard sees part
/// of the cases. When every shard lists its unused known deviations (Run::unused_deviations), the
/// result's are those unused in every shard, which the whole run would have reported as stale.
Result<Run> merge_shards(std::vector<Run> shards, const std::vector<std::string> &files);

} // namespace harness::report

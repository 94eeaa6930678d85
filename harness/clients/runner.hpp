#pragma once
// `clients run`: starts the replay server (serve::Server, in this process, on a loopback port of
// its own), then runs every client once per case x wire option — case by case, up to `jobs` runs
// at a time — and judges each run (judge.hpp). Each of the `jobs` threads keeps its own persistent
// worker per client (worker.hpp), so a client never runs two requests at once in one process. A (client, case) pair the client does not speak is
// skipped; a wire option whose plan does not fit a case (a cut beyond its end, say) is skipped for
// that case, and both are counted as such.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "clients/judge.hpp"
#include "core/error.hpp"

namespace harness::clients {

struct RunOptions {
  std::vector<Client> clients;
  std::vector<serve::WireOptions> wires; ///< each run once per case
  std::chrono::milliseconds timeout{30000};
  unsigned jobs = 2;
  /// Run clients that have a persistent form through it (one worker per client per job thread);
  /// false: one process per run, as the one-shot form.
  bool persistent = true;
  std::string host = "127.0.0.1";
};

struct RunRow {
  std::string case_id;
  std::string wire;      ///< the wire options' canonical name
  Judged judged;
  std::chrono::milliseconds elapsed{0};
};

struct RunSummary {
  std::vector<RunRow> rows; ///< case order, then client order, then wire order
  size_t skipped = 0;       ///< wire options that do not fit a case
};

/// Runs the matrix. `on_row` is called once per row, in matrix order, as soon as the row and all
/// before it have finished (from a worker thread, one call at a time): for progress.
/// Errors: the server cannot listen.
Result<RunSummary> run_matrix(const std::vector<corpus::Case> &cases, const RunOptions &options,
                              const check::DeviationLookup &deviations,
                              const std::function<void(const RunRow &)> &on_row);

} // namespace harness::clients

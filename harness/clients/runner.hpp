#pragma once
// `clients run`: starts the replay server (serve::Server, in this process, on a loopback port of
// its own), then runs every client once per case x wire option, up to `jobs` runs at a time, and
// judges each run (judge.hpp). A (client, case) pair the client does not speak is skipped; a wire
// option whose plan does not fit a case (a cut beyond its end, say) is skipped for that case, and
// both are counted as such.
//
// Each of the `jobs` threads stays on one client at a time (dispatch.hpp): it holds one persistent
// worker (worker.hpp) of that client, started when the thread takes its first run of the client
// and stopped when it moves on to another, and takes that client's runs until none are left. So
// `jobs` processes are alive rather than `jobs` x clients (a Node worker holds 60-100 MB, a
// Chromium worker a browser), a client never runs two requests at once in one process, and a
// client's workers are started only as far as its work needs them. The rows come out in matrix
// order all the same (RunSummary::rows).
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
  std::chrono::milliseconds timeout{60000};
  unsigned jobs = 2;
  /// Run clients that have a persistent form through it (one worker per job thread at a time);
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

/// Runs the matrix. `on_row` is called once per row as soon as it has finished, in the order runs
/// finish (from a worker thread, one call at a time), with the row's index in matrix order: for
/// progress, and for a report that puts the rows back in that order.
/// Errors: the server cannot listen.
Result<RunSummary> run_matrix(const std::vector<corpus::Case> &cases, const RunOptions &options,
                              const check::DeviationLookup &deviations,
                              const std::function<void(size_t, const RunRow &)> &on_row);

} // namespace harness::clients

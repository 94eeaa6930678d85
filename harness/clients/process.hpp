#pragma once
// Running one client process: argv only (never a shell), stdin from /dev/null, stdout and stderr
// captured, a wall-clock timeout after which the client's whole process group is killed (a client
// such as a browser leaves children behind).
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace harness::clients {

struct ProcessOutcome {
  bool started = false;   ///< false: the program could not be run (`out` is empty, `err` says why)
  bool timed_out = false; ///< killed at the deadline
  int exit_code = -1;     ///< -1 when it did not exit normally
  int signal = 0;         ///< the signal that ended it, when one did
  std::string out;        ///< stdout, at most `limit` bytes
  std::string err;        ///< stderr, at most `limit` bytes
  bool truncated = false; ///< stdout or stderr went past the limit (the rest was discarded)
  /// Not empty: a persistent adapter (worker.hpp) failed this run — it crashed or answered
  /// something unreadable; the run is an error with this reason.
  std::string failure;
  std::chrono::milliseconds elapsed{0};
};

/// Runs argv[0] (looked up in PATH when it holds no '/') with the rest as arguments.
ProcessOutcome run_process(const std::vector<std::string> &argv, std::chrono::milliseconds timeout,
                           size_t limit = 64u << 20);

} // namespace harness::clients

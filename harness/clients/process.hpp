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

/// Starts argv[0] (looked up in PATH when it holds no '/') with the rest as arguments, in a process
/// group of its own (so that it can be killed as a whole), SIGPIPE at its default, `in_fd` as its
/// stdin (/dev/null when negative), `out_fd`, `err_fd` as stdout and stderr, and no other
/// descriptor of ours. Returns 0 and sets `pid`, or posix_spawnp's error number. Shared by
/// run_process and the persistent Worker.
int spawn_in_group(const std::vector<std::string> &argv, int in_fd, int out_fd, int err_fd,
                   int &pid);

/// Runs argv[0] (looked up in PATH when it holds no '/') with the rest as arguments.
ProcessOutcome run_process(const std::vector<std::string> &argv, std::chrono::milliseconds timeout,
                           size_t limit = 64u << 20);

} // namespace harness::clients

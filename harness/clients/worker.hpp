#pragma once
// A persistent client adapter (clients/CONTRACT.md, the persistent form): one long-lived process,
// started at its first run, that reads one JSON request per line on stdin and answers each with one
// JSON document on one line of stdout. A Worker is owned by one thread and runs one request at a
// time.
//
// What a run can end in, as a ProcessOutcome for judge():
//   a line          out = the line, exit_code = 0, err = what the worker wrote on stderr meanwhile
//   hung            no line before the timeout: the worker's process group is killed, timed_out
//   crashed         stdout closed before a line: failure says how it ended and its last stderr line
//   unreadable      the line is not a JSON object: failure says so
// After hung, crashed and unreadable the worker is gone; the next run starts a fresh one, so one
// bad run never costs the runs after it. The first run of a (re)started worker may take
// kStartAllowance more than its timeout: starting the process and what it readies before its first
// run (Chromium's launch: 2 s on an idle machine, over 15 s on a loaded one) is not the run's.
#include <chrono>
#include <string>
#include <vector>

#include "clients/process.hpp"

namespace harness::clients {

inline constexpr std::chrono::milliseconds kStartAllowance{30000};

class Worker {
public:
  explicit Worker(std::vector<std::string> argv);
  ~Worker();
  Worker(const Worker &) = delete;
  Worker &operator=(const Worker &) = delete;

  /// Sends `request` (one line, no newline in it) and waits up to `timeout` for the answer line.
  ProcessOutcome run(const std::string &request, std::chrono::milliseconds timeout,
                     size_t limit = 64u << 20);

  /// How many processes this worker has started so far (restarts included).
  unsigned starts() const { return starts_; }

private:
  bool start(std::string &why);
  /// Kills the process group and reaps the process; fills how it ended when asked.
  void stop(ProcessOutcome *ended = nullptr);

  std::vector<std::string> argv_;
  int pid_ = -1;
  int in_ = -1;  ///< its stdin
  int out_ = -1; ///< its stdout
  int err_ = -1; ///< its stderr
  std::string pending_; ///< stdout bytes read past the last answered line
  unsigned starts_ = 0;
};

} // namespace harness::clients

#pragma once
// Progress of a long run, on stderr (never on stdout, which carries the report). Two forms:
//   bar    one line redrawn in place (at most ten times a second) and erased at the end; for a
//          terminal
//   lines  a plain line every 5 seconds, once the run has taken 2 seconds; for CI logs
// `auto` picks bar when the stream is a terminal, else lines. Short runs print nothing in lines
// form. Thread-safe: workers may call step() concurrently.
#include <chrono>
#include <mutex>
#include <ostream>
#include <string>

namespace harness::report {

enum class ProgressMode { automatic, bar, lines, none };

class Progress {
public:
  /// `what` names the unit ("runs", "cases"); `total` is how many there will be; `label` prefixes
  /// each line ("sse-harness check").
  Progress(std::ostream &err, ProgressMode mode, bool err_is_tty, std::string label,
           std::string what, size_t total);
  ~Progress();
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  /// One more unit done; `failing` counts those so far whose class fails the run.
  void step(size_t failing_so_far);
  /// Erases the bar before something else is printed to the same terminal; the next step draws
  /// it again.
  void interrupt();
  /// Erases the bar; idempotent.
  void finish();

private:
  void draw(std::chrono::steady_clock::time_point now);

  std::ostream &err_;
  ProgressMode mode_;
  std::string label_, what_;
  size_t total_, done_ = 0, failing_ = 0;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false, finished_ = false;
  std::mutex mu_;
};

/// "auto", "bar", "lines", "none"; false for anything else.
bool parse_progress_mode(const std::string &text, ProgressMode &mode);

} // namespace harness::report

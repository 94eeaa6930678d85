#pragma once
// Which run a `clients run` job thread does next (runner.cpp). Each client's runs are a queue in
// matrix order; a thread stays on one client, holding one worker process of it, until that
// client's queue is empty, then moves to the client where another thread helps most: the one with
// the most expected time left per thread on it (runs left x that client's mean run time so far,
// over threads on it + 1). Clients nobody is on come first whatever their size, so every client
// gets a thread; a thread does not join a client that would keep it busy for less than
// kJoinWorth (starting a Node worker costs ~0.5-2 s of CPU), and ends instead.
//
// Starting one worker per client and thread (the whole pool on one client, then the next) started
// 19 clients x 6 jobs = 114 workers for the default matrix, ~120 s of CPU of its 340; this starts
// a client's workers only as far as its work needs them.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

namespace harness::clients {

class Dispatcher {
public:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  /// Below this much expected work per thread, a thread does not join a client others are on.
  static constexpr std::chrono::milliseconds kJoinWorth{3000};

  /// queues[c]: client c's runs (matrix indices), in the order to run them.
  explicit Dispatcher(std::vector<std::vector<size_t>> queues);

  /// The next run for a thread on client `on` (kNone: on none yet); moves `on` to another client
  /// when its own queue is empty. nullopt: nothing left for this thread (it leaves `on`).
  std::optional<size_t> next(size_t &on);
  /// Records how long a run of client `on` took (the mean that weighs its runs left).
  void finished(size_t on, std::chrono::milliseconds elapsed);

private:
  struct Queue {
    std::vector<size_t> runs;
    size_t taken = 0;   ///< runs[0, taken) are handed out
    size_t threads = 0; ///< threads on this client
    size_t done = 0;    ///< runs finished, and their time
    std::chrono::milliseconds spent{0};
  };
  /// The expected time of one run of `q`: its mean so far, else the mean over every client.
  double mean_ms(const Queue &q) const;

  std::mutex mutex_;
  std::vector<Queue> queues_;
};

} // namespace harness::clients

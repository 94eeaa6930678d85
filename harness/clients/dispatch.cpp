#include "clients/dispatch.hpp"

namespace harness::clients {

Dispatcher::Dispatcher(std::vector<std::vector<size_t>> queues) {
  queues_.resize(queues.size());
  for (size_t c = 0; c < queues.size(); ++c)
    queues_[c].runs = std::move(queues[c]);
}

double Dispatcher::mean_ms(const Queue &q) const {
  if (q.done)
    return static_cast<double>(q.spent.count()) / static_cast<double>(q.done);
  size_t done = 0;
  std::chrono::milliseconds spent{0};
  for (const auto &other : queues_) {
    done += other.done;
    spent += other.spent;
  }
  // Before any run has finished every client weighs the same per run: 1 ms.
  return done ? static_cast<double>(spent.count()) / static_cast<double>(done) : 1.0;
}

std::optional<size_t> Dispatcher::next(size_t &on) {
  std::lock_guard lock(mutex_);
  if (on != kNone) {
    auto &q = queues_[on];
    if (q.taken < q.runs.size())
      return q.runs[q.taken++];
    --q.threads;
    on = kNone;
  }
  size_t best = kNone;
  bool best_alone = false; // nobody is on it
  double best_worth = 0;   // expected ms left per thread if this one joins
  for (size_t c = 0; c < queues_.size(); ++c) {
    const auto &q = queues_[c];
    const size_t left = q.runs.size() - q.taken;
    if (left == 0)
      continue;
    const bool alone = q.threads == 0;
    const double worth =
        static_cast<double>(left) * mean_ms(q) / static_cast<double>(q.threads + 1);
    if (!alone && worth < static_cast<double>(kJoinWorth.count()))
      continue;
    if (best == kNone || (alone && !best_alone) || (alone == best_alone && worth > best_worth)) {
      best = c;
      best_alone = alone;
      best_worth = worth;
    }
  }
  if (best == kNone)
    return std::nullopt;
  auto &q = queues_[best];
  ++q.threads;
  on = best;
  return q.runs[q.taken++];
}

void Dispatcher::finished(size_t on, std::chrono::milliseconds elapsed) {
  std::lock_guard lock(mutex_);
  auto &q = queues_[on];
  ++q.done;
  q.spent += elapsed;
}

} // namespace harness::clients

#include "report/run.hpp"

namespace harness::report {

std::array<size_t, kOutcomeCount> count(const Run &run) {
  std::array<size_t, kOutcomeCount> n{};
  for (const auto &e : run.entries)
    ++n[static_cast<size_t>(e.outcome)];
  return n;
}

bool failing(const Run &run) {
  for (const auto &e : run.entries)
    if (run.fail_on.count(e.outcome))
      return true;
  return false;
}

Outcome worst(const std::vector<Part> &parts) {
  Outcome o = Outcome::ok;
  for (const auto &p : parts)
    o = worse(o, p.outcome);
  return o;
}

std::string stale_line(const UnusedDeviation &u) {
  return "deviation entry " + std::to_string(u.entry) + " (" + u.about + ") " +
         (u.matched ? "matched only cases that gave the expected result" : "matched nothing") +
         " in this run";
}

std::set<Outcome> default_fail_on() {
  return {Outcome::failed, Outcome::disputed, Outcome::error};
}

} // namespace harness::report

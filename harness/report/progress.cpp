#include "report/progress.hpp"

#include <cstdio>

namespace harness::report {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kBarEvery = std::chrono::milliseconds(100);
constexpr auto kLinesAfter = std::chrono::seconds(2);
constexpr auto kLinesEvery = std::chrono::seconds(5);

std::string seconds_text(Clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f s", std::chrono::duration<double>(d).count());
  return buf;
}

} // namespace

Progress::Progress(std::ostream &err, ProgressMode mode, bool err_is_tty, std::string label,
                   std::string what, size_t total)
    : err_(err), mode_(mode), label_(std::move(label)), what_(std::move(what)), total_(total),
      start_(Clock::now()), last_(start_) {
  if (mode_ == ProgressMode::automatic)
    mode_ = err_is_tty ? ProgressMode::bar : ProgressMode::lines;
}

Progress::~Progress() { finish(); }

bool parse_progress_mode(const std::string &text, ProgressMode &mode) {
  if (text == "auto")
    mode = ProgressMode::automatic;
  else if (text == "bar")
    mode = ProgressMode::bar;
  else if (text == "lines")
    mode = ProgressMode::lines;
  else if (text == "none")
    mode = ProgressMode::none;
  else
    return false;
  return true;
}

void Progress::step(size_t failing_so_far) {
  std::lock_guard lock(mu_);
  ++done_;
  failing_ = failing_so_far;
  const auto now = Clock::now();
  if (mode_ == ProgressMode::bar && (now - last_ >= kBarEvery || done_ == total_))
    draw(now);
  else if (mode_ == ProgressMode::lines && now - start_ >= kLinesAfter &&
           (last_ == start_ || now - last_ >= kLinesEvery))
    draw(now);
}

void Progress::draw(Clock::time_point now) {
  last_ = now;
  const size_t pct = total_ ? done_ * 100 / total_ : 100;
  const std::string tail = std::to_string(done_) + "/" + std::to_string(total_) + " " + what_ +
                           " (" + std::to_string(pct) + "%), " + std::to_string(failing_) +
                           " failing, " + seconds_text(now - start_);
  if (mode_ == ProgressMode::bar) {
    constexpr size_t width = 30;
    const size_t filled = total_ ? done_ * width / total_ : width;
    err_ << "\r\033[K" << label_ << " [" << std::string(filled, '#')
         << std::string(width - filled, '.') << "] " << tail << std::flush;
    drawn_ = true;
  } else {
    err_ << label_ << ": " << tail << "\n" << std::flush;
  }
}

void Progress::interrupt() {
  std::lock_guard lock(mu_);
  if (mode_ == ProgressMode::bar && drawn_) {
    err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }
}

void Progress::finish() {
  std::lock_guard lock(mu_);
  if (finished_)
    return;
  finished_ = true;
  if (mode_ == ProgressMode::bar && drawn_)
    err_ << "\r\033[K" << std::flush;
}

} // namespace harness::report

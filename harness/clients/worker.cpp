#include "clients/worker.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/text.hpp"
#include "json/rapidjson.hpp"

namespace harness::clients {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// How long a worker whose stdin was closed may take to end on its own (a browser closes).
constexpr milliseconds kGracefulEnd{5000};

long long ms_left(Clock::time_point deadline) {
  return std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
}

void close_fd(int &fd) {
  if (fd >= 0)
    close(fd);
  fd = -1;
}

/// A write to a worker that has died must fail with EPIPE, not end this process.
void ignore_sigpipe() {
  static std::once_flag once;
  std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}

} // namespace

Worker::Worker(std::vector<std::string> argv) : argv_(std::move(argv)) {}

Worker::~Worker() {
  if (pid_ < 0)
    return;
  close_fd(in_); // end of requests: the adapter closes what it shares and exits
  const auto deadline = Clock::now() + kGracefulEnd;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0 && Clock::now() < deadline)
    usleep(10000);
  stop();
}

bool Worker::start(std::string &why) {
  ignore_sigpipe();
  if (argv_.empty()) {
    why = "no command";
    return false;
  }
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    why = std::string("pipe: ") + std::strerror(errno);
    for (int *p : {in, out, err})
      for (int i : {0, 1})
        close_fd(p[i]);
    return false;
  }
  int pid = 0;
  const int rc = spawn_in_group(argv_, in[0], out[1], err[1], pid);
  close_fd(in[0]);
  close_fd(out[1]);
  close_fd(err[1]);
  if (rc != 0) {
    why = argv_[0] + ": " + std::strerror(rc);
    close_fd(in[1]);
    close_fd(out[0]);
    close_fd(err[0]);
    return false;
  }
  pid_ = pid;
  in_ = in[1];
  out_ = out[0];
  err_ = err[0];
  pending_.clear();
  ++starts_;
  return true;
}

void Worker::stop(ProcessOutcome *ended) {
  if (pid_ < 0)
    return;
  kill(-pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  if (ended) {
    if (WIFEXITED(status))
      ended->exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
      ended->signal = WTERMSIG(status);
  }
  close_fd(in_);
  close_fd(out_);
  close_fd(err_);
  pid_ = -1;
  pending_.clear();
}

ProcessOutcome Worker::run(const std::string &request, milliseconds timeout, size_t limit) {
  ProcessOutcome r;
  const auto t0 = Clock::now();
  auto deadline = t0 + timeout;
  const auto finish = [&]() -> ProcessOutcome & {
    r.elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - t0);
    return r;
  };
  if (pid_ < 0) {
    std::string why;
    if (!start(why)) {
      r.err = why;
      return finish();
    }
    deadline += kStartAllowance;
  }
  r.started = true;
  const auto crashed = [&](const char *when) {
    ProcessOutcome ended;
    stop(&ended);
    r.failure = std::string("the adapter process ended ") + when + " (" +
                (ended.exit_code >= 0 ? "exit status " + std::to_string(ended.exit_code)
                 : ended.signal      ? "signal " + std::to_string(ended.signal)
                                     : "closed its stdout; killed") +
                ")";
    if (const auto said = first_line(r.err); !said.empty())
      r.failure += ": " + said;
  };

  const std::string line = request + '\n';
  for (size_t written = 0; written < line.size();) {
    const long long left = ms_left(deadline);
    pollfd p{in_, POLLOUT, 0};
    if (left <= 0 || (poll(&p, 1, static_cast<int>(left)) == 0)) {
      r.timed_out = true;
      stop();
      return finish();
    }
    const ssize_t n = write(in_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      crashed("before reading its request");
      return finish();
    }
    written += static_cast<size_t>(n);
  }

  char buf[65536];
  size_t nl = pending_.find('\n');
  while (nl == std::string::npos) {
    const long long left = ms_left(deadline);
    pollfd fds[2] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}};
    if (left <= 0 || (poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR) ||
        ms_left(deadline) <= 0) {
      r.timed_out = true;
      stop();
      return finish();
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = read(err_, buf, sizeof buf);
      if (n > 0) {
        const size_t room = limit - std::min(limit, r.err.size());
        r.err.append(buf, std::min(room, static_cast<size_t>(n)));
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = read(out_, buf, sizeof buf);
      if (n == 0 || (n < 0 && errno != EINTR)) {
        // Whatever it still had to say on stderr explains the end.
        for (ssize_t m; (m = read(err_, buf, sizeof buf)) > 0 && r.err.size() < limit;)
          r.err.append(buf, static_cast<size_t>(m));
        crashed("before answering");
        return finish();
      }
      if (n > 0) {
        const size_t from = pending_.size();
        pending_.append(buf, static_cast<size_t>(n));
        nl = pending_.find('\n', from);
        if (nl == std::string::npos && pending_.size() > limit) {
          r.truncated = true;
          stop();
          r.failure = "the adapter's answer is longer than " + std::to_string(limit) + " bytes";
          return finish();
        }
      }
    }
  }
  r.out = pending_.substr(0, nl);
  pending_.erase(0, nl + 1);
  r.exit_code = 0;
  rapidjson::Document doc;
  doc.Parse<json::kParseFlags>(r.out.data(), r.out.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    stop(); // out of step with its requests from here on: start afresh
    r.failure = "the adapter answered a line that is not a JSON object (" +
                std::to_string(r.out.size()) + " bytes: " + first_line(r.out) + ")";
  }
  return finish();
}

} // namespace harness::clients

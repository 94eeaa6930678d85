#include "fuzz/crash_isolated.hpp"

#include <cerrno>
#include <csignal>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace harness::fuzz {

std::optional<std::string> run_isolated(const std::function<std::string()> &f,
                                        std::chrono::milliseconds timeout) {
  int fd[2];
  if (::pipe(fd) != 0)
    return std::nullopt;
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fd[0]);
    ::close(fd[1]);
    return std::nullopt;
  }
  if (pid == 0) {
    ::close(fd[0]);
    const std::string answer = f();
    for (size_t at = 0; at < answer.size();) {
      const ssize_t n = ::write(fd[1], answer.data() + at, answer.size() - at);
      if (n <= 0)
        ::_exit(1);
      at += static_cast<size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fd[1]);
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + timeout;
  std::string answer;
  bool killed = false;
  for (char buf[4096];;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    pollfd p{fd[0], POLLIN, 0};
    const int ready = left <= 0 ? 0 : ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready == 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    const ssize_t n = ::read(fd[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    answer.append(buf, static_cast<size_t>(n));
  }
  ::close(fd[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (killed || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return std::nullopt;
  return answer;
}

} // namespace harness::fuzz

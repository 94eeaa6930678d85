#include "clients/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace harness::clients {

namespace {

using Clock = std::chrono::steady_clock;

/// Closes both ends that are still open.
struct Pipe {
  int fd[2] = {-1, -1};
  ~Pipe() {
    for (int f : fd)
      if (f >= 0)
        close(f);
  }
  void close_end(int i) {
    if (fd[i] >= 0)
      close(fd[i]);
    fd[i] = -1;
  }
};

} // namespace

int spawn_in_group(const std::vector<std::string> &argv_in, int in_fd, int out_fd, int err_fd,
                   int &pid) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  if (in_fd < 0)
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  else
    posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
  posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  posix_spawn_file_actions_adddup2(&fa, err_fd, 2);
  // Nothing else is the child's: Asio opens its sockets without close-on-exec, and a child that
  // inherited the replay server's end of a connection kept it open after the server closed it,
  // so a `reset:N` sent no RST and the client waited for bytes that never came.
  posix_spawn_file_actions_addclosefrom_np(&fa, 3);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults; // SIGPIPE may be ignored here (worker.cpp): default in the child
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attr, 0);

  std::vector<std::string> args = argv_in;
  std::vector<char *> argv;
  for (auto &a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  const int rc = posix_spawnp(&child, argv[0], &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  pid = child;
  return rc;
}

ProcessOutcome run_process(const std::vector<std::string> &argv_in,
                           std::chrono::milliseconds timeout, size_t limit) {
  ProcessOutcome r;
  if (argv_in.empty()) {
    r.err = "no command";
    return r;
  }
  Pipe out, err;
  if (pipe2(out.fd, O_CLOEXEC) != 0 || pipe2(err.fd, O_CLOEXEC) != 0) {
    r.err = std::string("pipe: ") + std::strerror(errno);
    return r;
  }
  const auto start = Clock::now();
  pid_t pid = 0;
  const int rc = spawn_in_group(argv_in, -1, out.fd[1], err.fd[1], pid);
  out.close_end(1);
  err.close_end(1);
  if (rc != 0) {
    r.err = argv_in[0] + ": " + std::strerror(rc);
    return r;
  }
  r.started = true;

  pollfd fds[2] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}};
  std::string *sinks[2] = {&r.out, &r.err};
  const auto deadline = start + timeout;
  char buf[65536];
  int open_fds = 2;
  while (open_fds > 0) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      r.timed_out = true;
      break;
    }
    if (poll(fds, 2, static_cast<int>(left)) < 0 && errno != EINTR)
      break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        const size_t room = limit - std::min(limit, sinks[i]->size());
        sinks[i]->append(buf, std::min(room, static_cast<size_t>(n)));
        r.truncated = r.truncated || static_cast<size_t>(n) > room;
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  // Both pipes closed does not mean it exited (it may have closed them); a timeout kills the group.
  int status = 0;
  if (r.timed_out)
    kill(-pid, SIGKILL);
  while (true) {
    const pid_t w = waitpid(pid, &status, r.timed_out ? 0 : WNOHANG);
    if (w == pid || (w < 0 && errno != EINTR))
      break;
    if (w == 0 && Clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
    } else if (w == 0) {
      usleep(2000);
    }
  }
  kill(-pid, SIGKILL); // whatever it left running in its group
  r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  if (WIFEXITED(status))
    r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  return r;
}

} // namespace harness::clients

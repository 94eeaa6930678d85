#pragma once
// Runs the built sse-harness binary (path injected by the build), or another program, and captures
// what it did.
#include <string>
#include <vector>

namespace harness::test {

struct ProcessResult {
  bool started = false; ///< false when the program could not be started (not found, not executable)
  int exit_code = -1;   ///< -1 when it did not start or did not exit normally (killed by a signal)
  std::string out;
  std::string err;
};

/// Runs SSEH_BINARY with `args` (no shell), stdin from /dev/null, optional extra environment
/// entries ("NAME=value").
ProcessResult run_harness(const std::vector<std::string> &args,
                          const std::vector<std::string> &env = {});

/// Runs `argv` (argv[0] a path, or a name looked up in PATH; no shell) in the same way.
ProcessResult run_program(const std::vector<std::string> &argv,
                          const std::vector<std::string> &env = {});

/// A fresh temporary folder, removed when the object goes away.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  /// Writes `bytes` to path()/name (creating parent folders) and returns the full path.
  std::string write(const std::string &name, const std::string &bytes) const;

private:
  std::string path_;
};

} // namespace harness::test

#pragma once
// Reproducing a fuzz crash in a child process: the command (with `{}` standing for the input
// file), how a run ended, and the signature that says whether two runs failed the same way.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clients/process.hpp"
#include "core/error.hpp"

namespace harness::fuzz {

/// How a failing run failed. Two runs reproduce the same failure when their signatures are equal.
struct Signature {
  /// "signal 11 (SIGSEGV)", "timeout" or "exit 1".
  std::string ending;
  /// The first line of stderr that names the failure (normalised, see failure_line); empty when
  /// none does.
  std::string line;

  bool operator==(const Signature &) const = default;
  /// ending, then ": " and line when there is one.
  std::string str() const;
};

/// The first stderr line that names a failure: a sanitizer report ("ERROR: AddressSanitizer:
/// heap-buffer-overflow", cut before " on address"/" on unknown address"), a UBSan
/// "runtime error:", a fuzz target's "fuzz target X: P violated: ...", a failed assert, an
/// uncaught exception ("terminate called ..."), libFuzzer's "ERROR: libFuzzer: ...". Normalised so
/// that reruns agree: the "==PID==" prefix dropped, hexadecimal numbers written 0x?, other numbers
/// (not part of a word such as utf8) written N, at most 200 bytes. Empty when no line qualifies.
std::string failure_line(std::string_view stderr_text);

/// The signature of a run that reproduces (ended by a signal, timed out, or exited non-zero);
/// nullopt for a run that exited 0. `outcome.started` must be true.
std::optional<Signature> signature_of(const clients::ProcessOutcome &outcome);

/// --exec COMMAND as argv: split on spaces (runs of spaces; no quotes, no escapes, no shell).
/// Every "{}" inside a word stands for the input file. Error (no file named) when the command is
/// empty or holds no "{}".
Result<std::vector<std::string>> parse_exec(std::string_view command);

/// Runs a command on inputs written to a private temporary folder (mode 0700, created by make,
/// removed with everything in it when the Reproducer goes away).
class Reproducer {
public:
  static Result<Reproducer> make(std::vector<std::string> argv, std::chrono::milliseconds timeout);
  Reproducer(Reproducer &&other) noexcept;
  Reproducer &operator=(Reproducer &&) = delete;
  Reproducer(const Reproducer &) = delete;
  Reproducer &operator=(const Reproducer &) = delete;
  ~Reproducer();

  /// Writes `input` to the folder and runs the command on it. Error when the input cannot be
  /// written or the program cannot be started (the error says which).
  Result<clients::ProcessOutcome> run(std::string_view input);
  /// The command with {} left in, words joined by spaces.
  std::string command() const;

private:
  Reproducer(std::vector<std::string> argv, std::chrono::milliseconds timeout,
             std::filesystem::path dir);
  std::vector<std::string> argv_;
  std::chrono::milliseconds timeout_;
  std::filesystem::path dir_;
};

} // namespace harness::fuzz

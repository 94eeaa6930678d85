#pragma once
// The fuzz targets: one explicit ordered table (no self-registration: the linker drops unreferenced
// objects from a static library). Each target reads its input as split-encoded
// (split_encoding.hpp) and checks properties (target_checks.hpp). fuzz/entry.cpp builds one
// executable per target around run_target(); `sse-harness fuzz-run` runs them in-process, and is
// the reproducer import-crash spawns: a violation ends the process with SIGABRT.
#include <cstddef>
#include <span>
#include <string_view>

#include "fuzz/target_checks.hpp"

namespace harness::fuzz {

struct Target {
  std::string_view name;        ///< stable: the executable is fuzz-<name>
  std::string_view description; ///< one line for `fuzz-run --list`
  /// Runs the code under test on one raw fuzz input; returns the first violated property.
  Verdict (*check)(std::string_view input);
  /// The longest input libFuzzer makes for this target unless `-max_len=` says otherwise
  /// (fuzz/entry.cpp): the length past which the exported seeds reach no more code (README
  /// "Fuzzing" has the measurement), so that time goes to more inputs instead of longer ones.
  /// Replays without libFuzzer (fuzz-run, -Dfuzzing=none) always run inputs whole.
  size_t max_len;
};

/// Every target, in a fixed order: the parsers, the dialect decoders, the whole pipeline, then the
/// cross-checks (differential, split-invariance).
std::span<const Target> targets();

/// nullptr when no target has that name.
const Target *find_target(std::string_view name);

/// The known names, comma separated, for error messages.
std::string target_names();

/// Runs `target` on `input`. On a violation prints one line,
/// "fuzz target NAME: PROPERTY violated: DETAIL", to stderr and calls std::abort(), so that
/// libFuzzer records a crash and a reproducing process dies by SIGABRT. Returns otherwise.
void run_target(const Target &target, std::string_view input);

} // namespace harness::fuzz

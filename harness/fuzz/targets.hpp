#pragma once
// The fuzz targets: one explicit ordered table (no self-registration: the linker drops unreferenced
// objects from a static library). Each target reads its input as split-encoded
// (split_encoding.hpp) and checks properties (target_checks.hpp). fuzz/entry.cpp builds one
// executable per target around run_target(); `sse-harness fuzz-run` runs them in-process, and is
// the reproducer import-crash spawns: a violation ends the process with SIGABRT.
#include <span>
#include <string_view>

#include "fuzz/target_checks.hpp"

namespace harness::fuzz {

struct Target {
  std::string_view name;        ///< stable: the executable is fuzz-<name>
  std::string_view description; ///< one line for `fuzz-run --list`
  /// Runs the code under test on one raw fuzz input; returns the first violated property.
  Verdict (*check)(std::string_view input);
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

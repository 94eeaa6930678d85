#pragma once
// A fuzz crash stored as a regression case under <corpus>/regress/NAME (import-crash): the input's
// stream byte for byte as NAME's last component + ".sse", the feeds it needs as stream.splits, and
// a case.json that says what failed, how, and how the input was reduced.
//
// Expectations: a case whose input still reproduces is written with expectations pending
// (`expect: {}`): its output is the output of a known bug, so nothing is blessed from it; `check`
// reports every implementation as failing ("no expectation") — or crashes, while the bug is there —
// until the bug is fixed and someone runs `sse-harness bless regress/NAME`. An input that no longer
// reproduces is blessed like an import, but only after a forked child blessed the staged case
// without crashing (the importer's own process never runs a stream it has not seen survive).
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/import.hpp"
#include "fuzz/crash_repro.hpp"

namespace harness::fuzz {

/// The corpus folder regression cases go to.
inline constexpr const char *kRegressFolder = "regress";

struct CrashImport {
  std::string case_name;            ///< NAME; the case is <corpus_dir>/regress/NAME
  std::filesystem::path corpus_dir; ///< DIR
  bool force = false;               ///< replace an existing case
  std::string source_name;          ///< FILE's file name (its folders are the importer's business)
  std::string source_sha1;          ///< SHA-1 of FILE's bytes
  std::string target;               ///< the fuzz target; empty when only --exec named a command
  std::string command;              ///< the reproducer, {} for the input
  std::optional<Signature> signature; ///< nullopt: FILE did not reproduce
  size_t original_size = 0;         ///< FILE's size
  std::string input;                ///< what is stored: the minimized input, or FILE's bytes
  bool minimized = false;           ///< input is the minimizer's result
  size_t runs = 0;                  ///< reproducer runs, the first (FILE itself) included
  bool exhausted = false;           ///< the minimizer ran out of runs
  std::chrono::milliseconds timeout{60000}; ///< for the forked children (dialect, bless probe)
};

struct CrashCase {
  corpus::WrittenCase written;
  std::string dialect;
  std::string stream_file;         ///< its name in the case folder
  size_t stream_size = 0;          ///< bytes in it
  std::vector<std::string> splits; ///< stream.splits written; empty when fed whole
  std::vector<std::string> notes;  ///< what the user should know (e.g. blessing skipped, why)
};

/// Where case NAME goes: "regress/NAME" (check_case_name applies to NAME).
std::string crash_case_name(const std::string &name);

/// Writes the case (see the top of this file) with corpus::write_new_case: complete or not at all.
/// Errors: a bad NAME; the case exists without `force`; an input with no stream bytes after its
/// split header; a case.json that would be invalid; any I/O failure.
Result<CrashCase> write_crash_case(const CrashImport &in);

} // namespace harness::fuzz

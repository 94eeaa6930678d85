// One fuzz target's entry point, compiled once per target with -DSSEH_FUZZ_TARGET="name". Linked
// with libFuzzer (-Dfuzzing=libfuzzer) or with replay_main.cpp (-Dfuzzing=none).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz/targets.hpp"

#ifndef SSEH_FUZZ_TARGET
#error "compile with -DSSEH_FUZZ_TARGET=\"<target name>\""
#endif

namespace {

const harness::fuzz::Target &the_target() {
  static const harness::fuzz::Target *target = harness::fuzz::find_target(SSEH_FUZZ_TARGET);
  if (!target) { // fuzz/meson.build names only targets of the table
    std::fprintf(stderr, "fuzz-%s: no such fuzz target\n", SSEH_FUZZ_TARGET);
    std::abort();
  }
  return *target;
}

/// Whether every input named is a file: libFuzzer then runs each once (a crash reproducer,
/// import-crash --exec), cut to -max_len when one is given.
bool only_files(int argc, char **argv) {
  bool any = false;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-')
      continue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(argv[i], ec))
      return false;
    any = true;
  }
  return any;
}

} // namespace

// libFuzzer calls this before it reads its flags: `-max_len=` the target's max_len goes in front of
// them, so that every way of fuzzing the target (fuzz/ci.sh, run-local.sh, by hand) does it at that
// length, and a -max_len given on the command line, read later, still wins. Not when only files are
// named: a reproducer runs them whole.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  if (only_files(*argc, *argv))
    return 0;
  static std::string flag = "-max_len=" + std::to_string(the_target().max_len);
  static std::vector<char *> args;
  args.assign(*argv, *argv + *argc);
  args.insert(args.begin() + (args.empty() ? 0 : 1), flag.data());
  args.push_back(nullptr); // argv[argc] is a null pointer
  *argc = static_cast<int>(args.size() - 1);
  *argv = args.data();
  return 0;
}

// ASan's defaults for a fuzz target (ASAN_OPTIONS, read after these, overrides any of them). The
// quarantine keeps freed memory unusable for 32 MiB of later frees instead of 256: one input frees
// far less than that (a RapidJSON document's pool is 64 KiB), so a use after free within an input is
// caught as before, while recycling a 256 MiB quarantine cost a quarter of the decoders' time in
// page faults and cache misses.
extern "C" const char *__asan_default_options() { return "quarantine_size_mb=32"; }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // libFuzzer passes nullptr with size 0 for the empty input.
  const std::string_view input(size ? reinterpret_cast<const char *>(data) : "", size);
  harness::fuzz::run_target(the_target(), input);
  return 0;
}

// One fuzz target's entry point, compiled once per target with -DSSEH_FUZZ_TARGET="name". Linked
// with libFuzzer (-Dfuzzing=libfuzzer) or with replay_main.cpp (-Dfuzzing=none).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
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

} // namespace

// libFuzzer calls this before it reads its flags: `-max_len=` the target's max_len goes in front of
// them, so that every way of running the target (fuzz/ci.sh, run-local.sh, by hand) fuzzes at that
// length, and a -max_len given on the command line, read later, still wins.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
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

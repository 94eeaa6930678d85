// One fuzz target's entry point, compiled once per target with -DSSEH_FUZZ_TARGET="name". Linked
// with libFuzzer (-Dfuzzing=libfuzzer) or with replay_main.cpp (-Dfuzzing=none).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // libFuzzer passes nullptr with size 0 for the empty input.
  const std::string_view input(size ? reinterpret_cast<const char *>(data) : "", size);
  harness::fuzz::run_target(the_target(), input);
  return 0;
}

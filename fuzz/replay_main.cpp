// The main of a fuzz target built without libFuzzer (-Dfuzzing=none): replays every file named,
// and every file below the folders named (recursively, sorted), through LLVMFuzzerTestOneInput, as
// dav1d's tests/libfuzzer/main.c does. Arguments starting with '-' (libFuzzer flags) are ignored,
// so the same command line works for both builds. Exit 0 after all inputs, 2 with one line on
// stderr when an input cannot be read; a violated property aborts (SIGABRT).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "fuzz/replay_inputs.hpp"
#include "source/read_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  const char *self = argc > 0 ? argv[0] : "fuzz";
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] != '-')
      paths.emplace_back(argv[i]);
  if (paths.empty()) {
    std::fprintf(stderr, "%s: usage: %s FILE|FOLDER... (replays inputs; built without libFuzzer)\n",
                 self, self);
    return 2;
  }
  auto files = harness::fuzz::input_files(paths);
  if (!files) {
    std::fprintf(stderr, "%s: %s\n", self, files.error().str().c_str());
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  unsigned long long bytes = 0;
  for (const std::string &file : *files) {
    auto input = harness::source::read_file(file);
    if (!input) {
      std::fprintf(stderr, "%s: %s\n", self, input.error().str().c_str());
      return 2;
    }
    bytes += input->size();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input->data()), input->size());
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  std::fprintf(stderr, "%s: replayed %zu inputs (%llu bytes) in %lld ms\n", self, files->size(),
               bytes, static_cast<long long>(ms));
  return 0;
}

#pragma once
// The inputs a fuzz target is replayed over without libFuzzer (`sse-harness fuzz-run`, and the
// fuzz-<target> executables built with -Dfuzzing=none): files named directly and every file under
// folders named, in a fixed order.
#include <string>
#include <vector>

#include "core/error.hpp"

namespace harness::fuzz {

/// For each path in order: a file as itself; a folder as every regular file below it, recursively,
/// sorted by path (symbolic links to folders are not followed). Errors name the path as given:
/// "no such file or folder", or the system's reason when a folder cannot be read.
Result<std::vector<std::string>> input_files(const std::vector<std::string> &paths);

} // namespace harness::fuzz

#pragma once
// What the tests that run the binary on temporary folders read back: a file's bytes, a JSON file,
// a folder's tree, and the two questions asked of what a command printed.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "json/rapidjson.hpp"

namespace harness::test {

/// Every byte of the file at `p`; empty when it cannot be read.
std::string slurp(const std::filesystem::path &p);

/// The JSON document in the file at `p`; fails the running test case when it does not parse.
rapidjson::Document json_file(const std::filesystem::path &p);

/// Every path below `dir` (files and folders), relative, '/'-separated, sorted; empty when `dir`
/// does not exist.
std::vector<std::string> tree(const std::filesystem::path &dir);

/// Whether `s` is exactly one line ending in LF: what a one-line error message looks like.
bool one_line(std::string_view s);

/// Whether `text` contains `part`.
inline bool has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

} // namespace harness::test

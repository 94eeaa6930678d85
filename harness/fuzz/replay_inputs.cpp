#include "fuzz/replay_inputs.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace harness::fuzz {

Result<std::vector<std::string>> input_files(const std::vector<std::string> &paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string &path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st))
      return Error{path, std::nullopt, "no such file or folder"};
    if (!fs::is_directory(st)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec), end;
    for (; !ec && it != end; it.increment(ec))
      if (it->is_regular_file(ec))
        found.push_back(it->path().string());
    if (ec)
      return Error{path, std::nullopt, "cannot read folder: " + ec.message()};
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

} // namespace harness::fuzz

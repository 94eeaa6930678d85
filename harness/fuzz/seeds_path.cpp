#include "fuzz/seeds_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace harness::fuzz {

namespace fs = std::filesystem;

std::optional<fs::path> find_in_path(std::string_view program) {
  const char *path = std::getenv("PATH");
  if (!path)
    return std::nullopt;
  std::string_view rest(path);
  while (true) {
    const size_t colon = rest.find(':');
    const std::string_view entry = rest.substr(0, colon);
    const fs::path candidate = fs::path(entry.empty() ? "." : std::string(entry)) / program;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
    if (colon == std::string_view::npos)
      return std::nullopt;
    rest.remove_prefix(colon + 1);
  }
}

bool path_within(const fs::path &inner, const fs::path &outer) {
  std::error_code ec;
  const fs::path in = fs::weakly_canonical(fs::absolute(inner, ec), ec);
  const fs::path out = fs::weakly_canonical(fs::absolute(outer, ec), ec);
  if (ec)
    return false;
  // Compare whole components; an empty one (from a trailing '/') stands for nothing.
  auto i = in.begin();
  for (const auto &part : out) {
    if (part.empty())
      continue;
    if (i == in.end() || *i != part)
      return false;
    ++i;
  }
  return true;
}

} // namespace harness::fuzz

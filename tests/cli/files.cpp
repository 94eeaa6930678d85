#include "cli/files.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <system_error>

namespace harness::test {

namespace fs = std::filesystem;

std::string slurp(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

rapidjson::Document json_file(const fs::path &p) {
  const std::string text = slurp(p);
  rapidjson::Document d;
  d.Parse<json::kParseFlags>(text.data(), text.size());
  INFO(p.string());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

std::vector<std::string> tree(const fs::path &dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    out.push_back(it->path().lexically_relative(dir).generic_string());
  std::sort(out.begin(), out.end());
  return out;
}

bool one_line(std::string_view s) {
  return !s.empty() && s.back() == '\n' && s.find('\n') == s.size() - 1;
}

} // namespace harness::test

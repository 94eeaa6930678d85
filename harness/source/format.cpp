#include "source/format.hpp"

#include <array>

#include "core/text.hpp"
#include "source/markdown.hpp"

namespace harness::source {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool starts_like_sse(std::string_view line) {
  if (line.starts_with(kBom))
    line.remove_prefix(kBom.size());
  constexpr std::array<std::string_view, 5> kFields = {"data:", "event:", "id:", "retry:", ":"};
  for (std::string_view field : kFields)
    if (line.starts_with(field))
      return true;
  return false;
}

} // namespace

std::string_view to_string(Format format) {
  static constexpr std::array<std::string_view, 2> kNames = {"raw", "markdown"};
  return name_of(format, kNames, "raw");
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "raw")
    return Format::raw;
  if (name == "markdown")
    return Format::markdown;
  return std::nullopt;
}

Format detect_format(std::string_view bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t lf = bytes.find('\n', pos);
    size_t end = lf == std::string_view::npos ? bytes.size() : lf;
    std::string_view line = bytes.substr(pos, end - pos);
    if (!is_blank_line(line)) {
      if (starts_like_sse(line))
        return Format::raw;
      break;
    }
    pos = end + 1;
  }
  return find_markdown_stream(bytes) ? Format::markdown : Format::raw;
}

} // namespace harness::source

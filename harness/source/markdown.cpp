#include "source/markdown.hpp"

namespace harness::source {

namespace {

constexpr std::string_view kFence = "```";
constexpr std::string_view kData = "data:";

} // namespace

std::optional<StreamRange> find_markdown_stream(std::string_view bytes) {
  bool inside = false;
  bool has_data = false;
  size_t content_begin = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t lf = bytes.find('\n', pos);
    size_t next = lf == std::string_view::npos ? bytes.size() : lf + 1;
    std::string_view line = bytes.substr(pos, next - pos);
    if (line.starts_with(kFence)) {
      if (inside) {
        if (has_data)
          return StreamRange{content_begin, pos, true};
        inside = false;
      } else {
        inside = true;
        has_data = false;
        content_begin = next;
      }
    } else if (inside && line.starts_with(kData)) {
      has_data = true;
    }
    pos = next;
  }
  if (inside && has_data)
    return StreamRange{content_begin, bytes.size(), false};
  return std::nullopt;
}

} // namespace harness::source

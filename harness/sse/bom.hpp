#pragma once
// The UTF-8 byte order mark (U+FEFF as EF BB BF).
#include <string_view>

namespace harness::sse {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

inline bool starts_with_bom(std::string_view text) {
  return text.substr(0, 3) == utf8_bom;
}

} // namespace harness::sse

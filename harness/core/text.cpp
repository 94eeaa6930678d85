#include "core/text.hpp"

namespace harness {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string first_line(std::string_view text) {
  std::string line(text.substr(0, text.find('\n')));
  if (line.size() > 200)
    line = line.substr(0, 197) + "...";
  return line;
}

std::string escaped_bytes(std::string_view bytes, size_t max) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\\' || c == '"')
      out.append(1, '\\').append(1, static_cast<char>(c));
    else if (c >= 0x20 && c < 0x7f)
      out += static_cast<char>(c);
    else
      out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 15]);
  }
  if (bytes.size() > max)
    out += "...";
  return out;
}

} // namespace harness

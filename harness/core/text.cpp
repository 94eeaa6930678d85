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

namespace {

/// Length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7), 0 when there is none.
size_t sequence_length(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t left = s.size() - i;
  const unsigned char c = b(0);
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return left >= 2 && is_utf8_continuation(b(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !is_utf8_continuation(b(1)) || !is_utf8_continuation(b(2)))
      return 0;
    if ((c == 0xE0 && b(1) < 0xA0) || (c == 0xED && b(1) > 0x9F)) // overlong; surrogate
      return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !is_utf8_continuation(b(1)) || !is_utf8_continuation(b(2)) ||
        !is_utf8_continuation(b(3)))
      return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) // overlong; above U+10FFFF
      return 0;
    return 4;
  }
  return 0;
}

void hex_escape(std::string &out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.append("\\x").append(1, kHex[c >> 4]).append(1, kHex[c & 15]);
}

} // namespace

std::string escape(std::string_view bytes, const Escaping &how) {
  const std::string_view in = bytes.substr(0, how.max);
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    const auto c = static_cast<unsigned char>(in[i]);
    const size_t n = c < 0x80 ? 1 : how.utf8 ? sequence_length(in, i) : 0;
    if (n == 0) {
      hex_escape(out, c);
      ++i;
      continue;
    }
    if (n > 1) {
      if (n == 3 && in.substr(i, 2) == "\xEF\xBF" && (in[i + 2] == '\xBE' || in[i + 2] == '\xBF'))
        out += in[i + 2] == '\xBE' ? "\\uFFFE" : "\\uFFFF";
      else
        out.append(in.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    if (c == '\t' || c == '\n' || c == '\r') {
      if (how.breaks == Escaping::Breaks::kept)
        out += static_cast<char>(c);
      else if (how.breaks == Escaping::Breaks::named)
        out += c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
      else
        hex_escape(out, c);
    } else if (c < 0x20 || c == 0x7F) {
      hex_escape(out, c);
    } else if (how.quotes && (c == '\\' || c == '"')) {
      out.append(1, '\\').append(1, static_cast<char>(c));
    } else {
      out += static_cast<char>(c);
    }
  }
  if (bytes.size() > how.max)
    out += "...";
  return out;
}

} // namespace harness

#include "report/printable.hpp"

#include "core/text.hpp"

namespace harness::report {

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
    if (left < 4 || !is_utf8_continuation(b(1)) || !is_utf8_continuation(b(2)) || !is_utf8_continuation(b(3)))
      return 0;
    if ((c == 0xF0 && b(1) < 0x90) || (c == 0xF4 && b(1) > 0x8F)) // overlong; above U+10FFFF
      return 0;
    return 4;
  }
  return 0;
}

void hex_escape(std::string &out, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  out += "\\x";
  out += hex[c >> 4];
  out += hex[c & 15];
}

} // namespace

std::string printable(std::string_view s, bool keep_breaks) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = sequence_length(s, i);
    if (n == 0) {
      hex_escape(out, c);
      ++i;
      continue;
    }
    if (n == 1) {
      if (c == '\t' || c == '\n' || c == '\r') {
        if (keep_breaks)
          out += static_cast<char>(c);
        else
          out += c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
      } else if (c < 0x20 || c == 0x7F) {
        hex_escape(out, c);
      } else {
        out += static_cast<char>(c);
      }
    } else if (n == 3 && s.substr(i, 2) == "\xEF\xBF" &&
               (s[i + 2] == '\xBE' || s[i + 2] == '\xBF')) {
      out += s[i + 2] == '\xBE' ? "\\uFFFE" : "\\uFFFF";
    } else {
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

std::string_view utf8_prefix(std::string_view s, size_t max) {
  if (s.size() <= max)
    return s;
  size_t end = max;
  while (end > 0 && is_utf8_continuation(static_cast<unsigned char>(s[end])))
    --end;
  return s.substr(0, end);
}

void append_markup(std::string &out, std::string_view s, bool attribute) {
  for (const char c : s) {
    switch (c) {
    case '&':
      out += "&amp;";
      continue;
    case '<':
      out += "&lt;";
      continue;
    case '>':
      out += "&gt;";
      continue;
    case '\r':
      out += "&#13;";
      continue;
    default:
      break;
    }
    if (attribute && c == '"')
      out += "&quot;";
    else if (attribute && c == '\t')
      out += "&#9;";
    else if (attribute && c == '\n')
      out += "&#10;";
    else
      out += c;
  }
}

} // namespace harness::report

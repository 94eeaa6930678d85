#include "report/printable.hpp"

#include "core/text.hpp"

namespace harness::report {

std::string printable(std::string_view s, bool keep_breaks) {
  return escape(s, {.quotes = false,
                    .utf8 = true,
                    .breaks = keep_breaks ? Escaping::Breaks::kept : Escaping::Breaks::named});
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

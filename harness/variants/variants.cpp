#include "variants/variants.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace harness::variants {

namespace {

constexpr std::array<Variant, 7> kVariants{{
    {Kind::crlf, "crlf", "every LF line end becomes CRLF"},
    {Kind::cr, "cr", "every line end becomes a bare CR"},
    {Kind::bom, "bom", "a UTF-8 byte order mark before the first byte"},
    {Kind::comments, "comments", "a `: keep-alive` comment line before every event but the first"},
    {Kind::no_space, "no-space", "`data: ` becomes `data:`"},
    {Kind::multiline, "multiline", "each one-line JSON object payload spread over several data: lines"},
    {Kind::no_final_blank, "no-final-blank", "the blank line after the last event removed"},
}};

bool at_line_start(std::string_view s, size_t i) {
  return i == 0 || s[i - 1] == '\n' || s[i - 1] == '\r';
}

/// The stream's first line end ("\r\n", "\n" or "\r"); "\n" when it has none.
std::string_view line_end_of(std::string_view s) {
  const size_t i = s.find_first_of("\r\n");
  if (i == std::string_view::npos || s[i] == '\n')
    return "\n";
  return (i + 1 < s.size() && s[i + 1] == '\n') ? "\r\n" : "\r";
}

std::optional<std::string> crlf(std::string_view s) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) {
      out += '\r';
      changed = true;
    }
    out += s[i];
  }
  return changed ? std::optional(out) : std::nullopt;
}

std::optional<std::string> cr(std::string_view s) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      out += '\r';
      ++i;
      changed = true;
    } else if (s[i] == '\n') {
      out += '\r';
      changed = true;
    } else {
      out += s[i];
    }
  }
  return changed ? std::optional(out) : std::nullopt;
}

std::optional<std::string> no_space(std::string_view s) {
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (at_line_start(s, i) && s.substr(i, 6) == "data: ") {
      out += "data:";
      i += 5; // skip "data: " (the loop adds one)
      changed = true;
      continue;
    }
    out += s[i];
  }
  return changed ? std::optional(out) : std::nullopt;
}

/// Where to cut a one-line JSON object: after each comma between members of the top-level object
/// (outside strings, depth 1). Cutting there and joining the lines with LF gives the same JSON.
std::vector<size_t> member_cuts(std::string_view json) {
  std::vector<size_t> cuts;
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']')
      --depth;
    else if (c == ',' && depth == 1)
      cuts.push_back(i + 1);
  }
  return cuts;
}

std::optional<std::string> multiline(std::string_view s) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < s.size()) {
    size_t end = s.find_first_of("\r\n", i);
    if (end == std::string_view::npos)
      end = s.size();
    const std::string_view line = s.substr(i, end - i);
    size_t eol = end;
    if (eol < s.size())
      eol += (s[eol] == '\r' && eol + 1 < s.size() && s[eol + 1] == '\n') ? 2 : 1;
    const std::string_view line_end = s.substr(end, eol - end);
    const size_t prefix = line.starts_with("data: ") ? 6 : line.starts_with("data:") ? 5 : 0;
    const std::string_view value = line.substr(prefix);
    if (prefix && value.starts_with('{') && value.ends_with('}')) {
      const auto cuts = member_cuts(value);
      if (!cuts.empty()) {
        changed = true;
        size_t from = 0;
        for (size_t cut : cuts) {
          out.append(line.substr(0, prefix)).append(value.substr(from, cut - from));
          out.append(line_end.empty() ? std::string_view("\n") : line_end);
          from = cut;
        }
        out.append(line.substr(0, prefix)).append(value.substr(from)).append(line_end);
        i = eol;
        continue;
      }
    }
    out.append(s.substr(i, eol - i));
    i = eol;
  }
  return changed ? std::optional(out) : std::nullopt;
}

std::optional<std::string> no_final_blank(std::string_view s) {
  for (std::string_view blank : {"\r\n\r\n", "\n\n", "\r\r"})
    if (s.ends_with(blank))
      return std::string(s.substr(0, s.size() - blank.size() / 2));
  return std::nullopt;
}

std::optional<std::string> comments(std::string_view s, std::span<const uint64_t> offsets) {
  if (offsets.size() < 2)
    return std::nullopt;
  const std::string comment = ": keep-alive" + std::string(line_end_of(s));
  std::string out;
  size_t from = 0;
  for (size_t k = 1; k < offsets.size(); ++k) {
    const size_t at = static_cast<size_t>(offsets[k]);
    if (at <= from || at > s.size() || !at_line_start(s, at))
      continue;
    out.append(s.substr(from, at - from)).append(comment);
    from = at;
  }
  out.append(s.substr(from));
  return out;
}

} // namespace

std::span<const Variant> variants() { return kVariants; }

std::optional<std::string> derive(Kind kind, std::string_view stream,
                                  std::span<const uint64_t> event_offsets) {
  switch (kind) {
  case Kind::crlf:
    return crlf(stream);
  case Kind::cr:
    return cr(stream);
  case Kind::bom:
    if (stream.starts_with("\xEF\xBB\xBF"))
      return std::nullopt;
    return "\xEF\xBB\xBF" + std::string(stream);
  case Kind::comments:
    return comments(stream, event_offsets);
  case Kind::no_space:
    return no_space(stream);
  case Kind::multiline:
    return multiline(stream);
  case Kind::no_final_blank:
    return no_final_blank(stream);
  }
  return std::nullopt;
}

} // namespace harness::variants

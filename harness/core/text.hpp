#pragma once
// Small text helpers every stage uses on bytes that are mostly ASCII (header names, URL parts, lines
// of a capture). Byte-wise: nothing here decodes UTF-8 (escape() at most checks that a sequence
// is well-formed, to keep it).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace harness {

/// `s` with A-Z turned into a-z; every other byte as it is.
std::string ascii_lower(std::string_view s);

/// The name of `value` for an enum whose enumerators count from 0 in the order `names` lists them:
/// names[value], or `fallback` for a value outside the list.
template <class Enum, size_t N>
constexpr std::string_view name_of(Enum value, const std::array<std::string_view, N> &names,
                                   std::string_view fallback) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : fallback;
}

/// Whether `line` holds nothing but spaces, tabs and CRs.
bool is_blank_line(std::string_view line);

/// Whether `byte` continues a UTF-8 sequence (10xxxxxx).
inline bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

/// The first line of `text` (up to the first LF), cut to 200 bytes with "..." when longer: what a
/// one-line message shows of another program's output.
std::string first_line(std::string_view text);

/// How escape() writes bytes: printable ASCII as it is; the rest as below. Every escape is visible
/// text (\xNN with lower-case hex digits), so an escaped string is one readable line.
struct Escaping {
  enum class Breaks {
    named, ///< TAB, LF, CR as \t, \n, \r
    hex,   ///< TAB, LF, CR as \x09, \x0a, \x0d like any other control byte
    kept,  ///< TAB, LF, CR as they are
  };
  size_t max = SIZE_MAX; ///< at most this many input bytes are written, then "..."
  bool quotes = true;    ///< `"` and `\` get a backslash in front (a quoted string's contents)
  bool utf8 = false;     ///< well-formed UTF-8 sequences kept, U+FFFE and U+FFFF as \uFFFE and
                         ///< \uFFFF; else every byte from 0x80 up as \xNN
  Breaks breaks = Breaks::named;
};

/// `bytes` written as `how` says; other control bytes and DEL, and bytes that are not part of a
/// well-formed UTF-8 sequence (or every byte from 0x80 when !how.utf8), as \xNN.
std::string escape(std::string_view bytes, const Escaping &how);

/// `bytes` for a one-line message: escape() with the defaults (printable ASCII kept, `"` and `\`
/// escaped with a backslash, TAB, LF and CR as \t, \n and \r, every other byte as \xNN); at most
/// `max` input bytes, then "...".
inline std::string escaped_bytes(std::string_view bytes, size_t max) {
  return escape(bytes, {.max = max});
}

} // namespace harness

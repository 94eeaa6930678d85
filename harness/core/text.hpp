#pragma once
// Small text helpers every stage uses on bytes that are mostly ASCII (header names, URL parts, lines
// of a capture). Byte-wise: nothing here decodes UTF-8.
#include <string>
#include <string_view>

namespace harness {

/// `s` with A-Z turned into a-z; every other byte as it is.
std::string ascii_lower(std::string_view s);

/// Whether `line` holds nothing but spaces, tabs and CRs.
bool is_blank_line(std::string_view line);

/// Whether `byte` continues a UTF-8 sequence (10xxxxxx).
inline bool is_utf8_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

/// The first line of `text` (up to the first LF), cut to 200 bytes with "..." when longer: what a
/// one-line message shows of another program's output.
std::string first_line(std::string_view text);

/// `bytes` for a one-line message: printable ASCII kept (`"` and `\` escaped with a backslash), LF
/// and CR as \n and \r, every other byte as \xNN; at most `max` input bytes, then "...".
std::string escaped_bytes(std::string_view bytes, size_t max);

} // namespace harness

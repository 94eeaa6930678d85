#pragma once
// Text that every report reader takes: valid UTF-8 with no control characters. Stream bytes reach
// reports through difference lines and case ids, so they may hold anything; XML 1.0 forbids most
// control characters outright, and Markdown readers mangle invalid UTF-8.
#include <string>
#include <string_view>

namespace harness::report {

/// `s` as valid UTF-8 holding only characters XML 1.0 allows (harness::escape with these
/// options), DEL excepted: a byte that is not
/// part of a well-formed UTF-8 sequence, and a C0 control character or DEL, becomes the visible
/// escape \xNN (two lower-case hex digits); U+FFFE and U+FFFF become \uFFFE and \uFFFF. TAB, LF and
/// CR are kept when `keep_breaks`, else written \t, \n, \r. Backslashes are left alone: the input
/// is already readable text, and an escape here only marks what a report cannot carry.
std::string printable(std::string_view s, bool keep_breaks);

/// Appends `s` (already printable) escaped for XML or HTML markup: `&`, `<`, `>` always (so "]]>"
/// never appears), CR as &#13; (end-of-line handling would drop it). In an attribute value
/// (`attribute`, double-quoted) also `"`, and TAB and LF as references, which attribute-value
/// normalisation would otherwise turn into spaces.
void append_markup(std::string &out, std::string_view s, bool attribute);

/// The longest prefix of `s` with at most `max` bytes that does not end inside a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, size_t max);

} // namespace harness::report

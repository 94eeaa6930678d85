#pragma once
// The steps of processing one line that `whatwg` and `tolerant` share: stripping the stream's
// leading BOM, reporting and repairing invalid UTF-8, applying a field to the event being built,
// and the framing notes both make (comments, bare CR line ends, data: without a space, a BOM at the
// start of a later line). `tolerant` adds its repairs around these; both must apply fields and
// report notes identically, so both call the same code. Inline: this is the per-line hot path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sse/bom.hpp"
#include "sse/event_builder.hpp"
#include "sse/field.hpp"
#include "sse/line_scanner.hpp"
#include "sse/utf8.hpp"

namespace harness::sse {

/// The notes a parser makes once per stream, and whether it has made them.
struct OnceNotes {
  bool bare_cr = false;  ///< sse.cr-line-ends reported
  bool no_space = false; ///< sse.no-space-after-colon reported
  bool operator==(const OnceNotes &) const = default;
};

/// `text` in double quotes for a finding message, cut to a readable length on a UTF-8 boundary.
/// `text` must be valid UTF-8 (repaired first when it was not).
inline std::string quoted_excerpt(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out = "\"";
  if (text.size() <= kMax) {
    out.append(text);
  } else {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut; // do not split a UTF-8 sequence
    out.append(text.substr(0, cut)).append("...");
  }
  out += '"';
  return out;
}

/// `sse.cr-line-ends` (warning) once per stream, at the first CR that ends a line by itself. Call
/// right after every LineScanner::next() and take_tail(): the scanner makes a bare CR visible only
/// once the line it ends was processed (see first_bare_cr()), so the finding carries the same event
/// index under every split.
inline void report_bare_cr(EventBuilder &builder, const LineScanner &scanner, OnceNotes &notes) {
  if (notes.bare_cr || scanner.first_bare_cr() == LineScanner::kNoBareCr)
    return;
  notes.bare_cr = true;
  builder.report(rules::sse_cr_line_ends, scanner.first_bare_cr(),
                 "a bare CR ends this line; clients that split lines on LF only run it into the "
                 "next one");
}

/// For a line with bytes >= 0x80 that is not at the stream's start (after strip_stream_bom):
/// reports `sse.bom-mid-stream` (error) at the line's start, with `message`, when the line starts
/// with a BOM. Returns whether it does.
inline bool report_bom_mid_stream(EventBuilder &builder, bool high, std::string_view text,
                                  uint64_t offset, std::string_view message) {
  if (!high || !starts_with_bom(text))
    return false;
  builder.report(rules::sse_bom_mid_stream, offset, message);
  return true;
}

/// The WHATWG decoder strips one BOM at the very start of the stream. A BOM has no CR/LF byte, so
/// it always sits inside the line at offset 0. Reports `sse.bom` (info) when it strips one.
inline void strip_stream_bom(EventBuilder &builder, std::string_view &text, uint64_t &offset) {
  if (offset == 0 && starts_with_bom(text)) {
    builder.report(rules::sse_bom, 0, "leading UTF-8 byte order mark stripped");
    text.remove_prefix(3);
    offset = 3;
  }
}

/// For a line with bytes >= 0x80: reports `sse.invalid-utf8` at the first ill-formed byte, with
/// `message`. Returns whether the line needs U+FFFD repair.
inline bool report_invalid_utf8(EventBuilder &builder, bool high, std::string_view text,
                                uint64_t offset, std::string_view message) {
  if (!high)
    return false;
  const size_t bad = first_invalid_utf8(text);
  if (bad == std::string_view::npos)
    return false;
  builder.report(rules::sse_invalid_utf8, offset + bad, message);
  return true;
}

/// `value` itself, or (when `repaired`) its U+FFFD-repaired copy in `scratch`; a copy no longer lives
/// in the caller's feed, so `in_feed` becomes false.
inline std::string_view decoded(std::string_view value, bool repaired, std::string &scratch,
                                bool &in_feed) {
  if (!repaired)
    return value;
  scratch.clear();
  append_utf8_repaired(scratch, value);
  in_feed = false;
  return scratch;
}

/// Applies one field line (already split, value decoded) at stream offset `offset`: data, event,
/// id (ignored when it contains NUL), retry (digits only; the parsed value is returned and becomes
/// the block's Event::retry), or an
/// ignored field reported as `sse.ignored-line` (info).
inline std::optional<uint64_t> apply_field(EventBuilder &builder, const FieldLine &field,
                                           std::string_view value, uint64_t offset, bool in_feed) {
  switch (field.name) {
  case FieldName::data:
    builder.start(offset);
    builder.add_data(value, offset + field.value_pos, in_feed);
    break;
  case FieldName::event:
    builder.start(offset);
    builder.set_type(value);
    break;
  case FieldName::id:
    builder.start(offset);
    if (value.find('\0') == std::string_view::npos)
      builder.set_last_id(value);
    break;
  case FieldName::retry:
    builder.start(offset);
    if (uint64_t ms; parse_retry(value, ms)) {
      builder.set_retry(ms);
      return ms;
    }
    break;
  case FieldName::other:
    builder.report(rules::sse_ignored_line, offset,
                   "field name is not data, event, id or retry; line ignored");
    break;
  }
  return std::nullopt;
}

/// `sse.comment` (info) for a comment line (`text` starts with ':') at stream offset `offset` (the
/// colon), quoting the line (its U+FFFD-repaired copy in `scratch` when `repaired`).
inline void report_comment(EventBuilder &builder, std::string_view text, uint64_t offset,
                           bool repaired, std::string &scratch) {
  bool in_feed = true;
  const std::string_view comment = decoded(text, repaired, scratch, in_feed);
  builder.report(rules::sse_comment, offset,
                 "comment " + quoted_excerpt(comment) +
                     "; valid SSE, but clients that parse every line as JSON fail on it");
}

/// `sse.no-space-after-colon` (info) once per stream, at the first byte of the value of the first
/// `data:` line whose non-empty value follows the colon directly. A bare `data:` (empty value) or
/// `data` without a colon does not count. `text` is the whole line at stream offset `offset`.
inline void report_no_space(EventBuilder &builder, const FieldLine &field, std::string_view text,
                            uint64_t offset, OnceNotes &notes) {
  if (notes.no_space || field.name != FieldName::data || field.value.empty() ||
      text[field.value_pos - 1] != ':')
    return;
  notes.no_space = true;
  builder.report(rules::sse_no_space_after_colon, offset + field.value_pos,
                 "data: is followed directly by its value; clients that strip a fixed \"data: \" "
                 "prefix lose the first byte");
}

} // namespace harness::sse

#pragma once
// The steps of processing one line that `whatwg` and `tolerant` share: stripping the stream's
// leading BOM, reporting and repairing invalid UTF-8, and applying a field to the event being
// built. `tolerant` adds its repairs around these; both must apply fields identically, so both call
// the same code. Inline: this is the per-line hot path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sse/bom.hpp"
#include "sse/event_builder.hpp"
#include "sse/field.hpp"
#include "sse/utf8.hpp"

namespace harness::sse {

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
/// id (ignored when it contains NUL), retry (digits only; the parsed value is returned), or an
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
    if (uint64_t ms; parse_retry(value, ms))
      return ms;
    break;
  case FieldName::other:
    builder.report(rules::sse_ignored_line, offset,
                   "field name is not data, event, id or retry; line ignored");
    break;
  }
  return std::nullopt;
}

} // namespace harness::sse

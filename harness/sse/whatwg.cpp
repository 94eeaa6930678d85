#include "sse/whatwg.hpp"

#include "sse/bom.hpp"
#include "sse/field.hpp"
#include "sse/utf8.hpp"

namespace harness::sse {

WhatwgParser::WhatwgParser(EventSink &sink) : builder_(sink) {}

void WhatwgParser::feed(std::string_view bytes) {
  scanner_.begin_feed(bytes);
  Line line;
  while (scanner_.next(line))
    on_line(line);
  builder_.settle();
}

void WhatwgParser::on_line(const Line &line) {
  std::string_view text = line.text;
  uint64_t offset = line.offset;
  // The decoder strips one BOM at the very start of the stream; a BOM has no CR/LF byte, so it
  // always sits inside the first line.
  if (offset == 0 && starts_with_bom(text)) {
    builder_.report("sse.bom", Severity::info, 0, "leading UTF-8 byte order mark stripped");
    text.remove_prefix(3);
    offset = 3;
  }
  bool repaired = false;
  if (line.high) {
    const size_t bad = first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      repaired = true;
      builder_.report("sse.invalid-utf8", Severity::warning, offset + bad,
                      "invalid UTF-8 in this line decoded as U+FFFD");
    }
  }

  if (text.empty()) {
    builder_.dispatch();
    return;
  }
  if (text[0] == ':')
    return; // comment

  const FieldLine field = split_field(text);
  std::string_view value = field.value;
  bool in_feed = line.in_feed;
  if (repaired && field.name != FieldName::other) {
    scratch_.clear();
    append_utf8_repaired(scratch_, value);
    value = scratch_;
    in_feed = false;
  }
  switch (field.name) {
  case FieldName::data:
    builder_.start(offset);
    builder_.add_data(value, offset + field.value_pos, in_feed);
    break;
  case FieldName::event:
    builder_.start(offset);
    builder_.set_type(value);
    break;
  case FieldName::id:
    builder_.start(offset);
    if (value.find('\0') == std::string_view::npos)
      builder_.set_last_id(value);
    break;
  case FieldName::retry:
    builder_.start(offset);
    if (uint64_t ms; parse_retry(value, ms))
      retry_ = ms;
    break;
  case FieldName::other:
    builder_.report("sse.ignored-line", Severity::info, offset,
                    "field name is not data, event, id or retry; line ignored");
    break;
  }
}

void WhatwgParser::finish() {
  Line tail;
  bool lost = builder_.has_data();
  uint64_t at = builder_.block_offset();
  if (scanner_.take_tail(tail)) {
    std::string_view text = tail.text;
    uint64_t offset = tail.offset;
    if (offset == 0 && starts_with_bom(text)) {
      builder_.report("sse.bom", Severity::info, 0, "leading UTF-8 byte order mark stripped");
      text.remove_prefix(3);
      offset = 3;
    }
    if (!text.empty() && text[0] != ':' && split_field(text).name == FieldName::data) {
      if (!builder_.started())
        at = offset;
      lost = true;
    }
  }
  if (lost)
    builder_.report("sse.unterminated-event", Severity::warning, at,
                    "stream ended before the blank line that dispatches this event; discarded");
}

std::unique_ptr<Parser> make_whatwg_parser(EventSink &sink) {
  return std::make_unique<WhatwgParser>(sink);
}

} // namespace harness::sse

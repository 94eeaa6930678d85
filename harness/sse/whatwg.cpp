#include "sse/whatwg.hpp"

#include "sse/line_steps.hpp"

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
  strip_stream_bom(builder_, text, offset);
  const bool repaired = report_invalid_utf8(builder_, line.high, text, offset,
                                            "invalid UTF-8 in this line decoded as U+FFFD");
  if (text.empty()) {
    builder_.dispatch();
    return;
  }
  if (text[0] == ':')
    return; // comment

  const FieldLine field = split_field(text);
  bool in_feed = line.in_feed;
  const std::string_view value =
      field.name == FieldName::other ? field.value : decoded(field.value, repaired, scratch_, in_feed);
  if (auto retry = apply_field(builder_, field, value, offset, in_feed))
    retry_ = *retry;
}

void WhatwgParser::finish() {
  Line tail;
  bool lost = builder_.has_data();
  uint64_t at = builder_.block_offset();
  if (scanner_.take_tail(tail)) {
    std::string_view text = tail.text;
    uint64_t offset = tail.offset;
    strip_stream_bom(builder_, text, offset);
    if (!text.empty() && text[0] != ':' && split_field(text).name == FieldName::data) {
      if (!builder_.started())
        at = offset;
      lost = true;
    }
  }
  if (lost)
    builder_.report(rules::sse_unterminated_event, at,
                    "stream ended before the blank line that dispatches this event; discarded");
}

std::unique_ptr<Parser> make_whatwg_parser(EventSink &sink) {
  return std::make_unique<WhatwgParser>(sink);
}

} // namespace harness::sse

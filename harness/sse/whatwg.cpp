#include "sse/whatwg.hpp"

#include "sse/line_steps.hpp"

namespace harness::sse {

WhatwgParser::WhatwgParser(EventSink &sink) : builder_(sink) {}

void WhatwgParser::feed(std::string_view bytes) {
  scanner_.begin_feed(bytes);
  Line line;
  while (scanner_.next(line)) {
    report_bare_cr(builder_, scanner_, notes_);
    on_line(line);
  }
  report_bare_cr(builder_, scanner_, notes_);
  builder_.settle();
}

void WhatwgParser::on_line(const Line &line) {
  std::string_view text = line.text;
  uint64_t offset = line.offset;
  strip_stream_bom(builder_, text, offset);
  // Not stripped: the BOM stays in the field name and the line is ignored (sse.ignored-line too).
  report_bom_mid_stream(builder_, line.high, text, offset,
                        "UTF-8 byte order mark at the start of a line; it becomes part of the "
                        "field name and the line is ignored");
  const bool repaired = report_invalid_utf8(builder_, line.high, text, offset,
                                            "invalid UTF-8 in this line decoded as U+FFFD");
  if (text.empty()) {
    builder_.dispatch();
    return;
  }
  if (text[0] == ':') {
    report_comment(builder_, text, offset, repaired, scratch_);
    return;
  }

  const FieldLine field = split_field(text);
  report_no_space(builder_, field, text, offset, notes_);
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
  const bool has_tail = scanner_.take_tail(tail);
  report_bare_cr(builder_, scanner_, notes_);
  if (has_tail) {
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

bool WhatwgParser::copy_state(const Parser &other) {
  const auto *o = dynamic_cast<const WhatwgParser *>(&other);
  if (!o)
    return false;
  scanner_.copy_state(o->scanner_);
  builder_.copy_state(o->builder_);
  retry_ = o->retry_;
  notes_ = o->notes_;
  return true;
}

bool WhatwgParser::same_state(const Parser &other) const {
  const auto *o = dynamic_cast<const WhatwgParser *>(&other);
  return o && scanner_.same_state(o->scanner_) && builder_.same_state(o->builder_) &&
         retry_ == o->retry_ && notes_ == o->notes_;
}

std::unique_ptr<Parser> make_whatwg_parser(EventSink &sink) {
  return std::make_unique<WhatwgParser>(sink);
}

} // namespace harness::sse

#include "sse/tolerant.hpp"

#include "sse/line_steps.hpp"

namespace harness::sse {

TolerantParser::TolerantParser(EventSink &sink) : builder_(sink) {}

void TolerantParser::feed(std::string_view bytes) {
  scanner_.begin_feed(bytes);
  Line line;
  while (scanner_.next(line)) {
    report_bare_cr(builder_, scanner_, notes_);
    on_line(line);
  }
  report_bare_cr(builder_, scanner_, notes_);
  builder_.settle();
}

bool TolerantParser::pending_data_complete() {
  const std::string_view data = builder_.data();
  if (json_scanned_ <= data.size()) {
    json_.append(data.substr(json_scanned_));
    json_.append("\n");
    json_scanned_ = data.size() + 1; // the LF a next data line will bring is the one just seen
  }
  return json_.complete();
}

void TolerantParser::dispatch() {
  builder_.dispatch();
  json_.reset();
  json_scanned_ = 0;
}

void TolerantParser::on_line(const Line &line) {
  std::string_view text = line.text;
  uint64_t offset = line.offset;
  strip_stream_bom(builder_, text, offset);
  if (report_bom_mid_stream(builder_, line.high, text, offset,
                            "UTF-8 byte order mark at the start of a line stripped")) {
    text.remove_prefix(3);
    offset += 3;
  }
  const bool repaired = report_invalid_utf8(builder_, line.high, text, offset,
                                            "invalid UTF-8 in this line replaced with U+FFFD");
  const bool after_bare_data = after_bare_data_;
  after_bare_data_ = false;

  if (text.empty()) {
    dispatch();
    return;
  }
  if (text[0] == ':') {
    report_comment(builder_, text, offset, repaired, scratch_);
    return;
  }

  bool in_feed = line.in_feed;
  if (after_bare_data && (text[0] == '{' || text[0] == '[')) {
    builder_.report(rules::sse_payload_on_next_line, offset,
                    "JSON payload on the line after a bare `data:` taken as its value");
    builder_.clear_data();
    json_.reset();
    json_scanned_ = 0;
    const std::string_view value = decoded(text, repaired, scratch_, in_feed);
    builder_.add_data(value, offset, in_feed);
    return;
  }

  // A data line, or an event line when this block already has its type, after a complete JSON
  // payload starts the next event. An event line in a block with data but no type yet is legal
  // field order (`data:` before `event:`, as Amazon Bedrock's Responses streams send it).
  const FieldLine field = split_field(text);
  const bool starts_next = field.name == FieldName::data ||
                           (field.name == FieldName::event && builder_.has_type());
  if (starts_next && builder_.has_data() && pending_data_complete()) {
    builder_.report(rules::sse_blank_line_missing, offset,
                    "new field line after a complete JSON payload without a blank line; the "
                    "pending event was dispatched first");
    dispatch();
  }
  report_no_space(builder_, field, text, offset, notes_);

  const std::string_view value =
      field.name == FieldName::other ? field.value : decoded(field.value, repaired, scratch_, in_feed);
  apply_field(builder_, field, value, offset, in_feed); // retry's value does not matter here
  if (field.name == FieldName::data)
    after_bare_data_ = value.empty() && builder_.data_lines() == 1;
}

void TolerantParser::finish() {
  Line tail;
  const bool has_tail = scanner_.take_tail(tail);
  report_bare_cr(builder_, scanner_, notes_);
  if (has_tail)
    on_line(tail);
  if (builder_.has_data()) {
    builder_.report(rules::sse_unterminated_event, builder_.block_offset(),
                    "stream ended without the blank line that dispatches this event; dispatched");
    dispatch();
  }
}

bool TolerantParser::copy_state(const Parser &other) {
  const auto *o = dynamic_cast<const TolerantParser *>(&other);
  if (!o)
    return false;
  scanner_.copy_state(o->scanner_);
  builder_.copy_state(o->builder_);
  json_ = o->json_;
  json_scanned_ = o->json_scanned_;
  after_bare_data_ = o->after_bare_data_;
  notes_ = o->notes_;
  return true;
}

bool TolerantParser::same_state(const Parser &other) const {
  const auto *o = dynamic_cast<const TolerantParser *>(&other);
  return o && scanner_.same_state(o->scanner_) && builder_.same_state(o->builder_) &&
         json_ == o->json_ && json_scanned_ == o->json_scanned_ &&
         after_bare_data_ == o->after_bare_data_ && notes_ == o->notes_;
}

std::unique_ptr<Parser> make_tolerant_parser(EventSink &sink) {
  return std::make_unique<TolerantParser>(sink);
}

} // namespace harness::sse

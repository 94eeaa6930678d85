#include "sse/lines.hpp"

namespace harness::sse {

namespace {
constexpr std::string_view data_prefix = "data: ";
}

void LinesParser::feed(std::string_view bytes) {
  scanner_.begin_feed(bytes);
  Line line;
  while (scanner_.next(line))
    on_line(line);
}

void LinesParser::finish() {
  Line tail;
  if (scanner_.take_tail(tail))
    on_line(tail);
}

void LinesParser::on_line(const Line &line) {
  std::string_view text = line.text;
  if (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  if (text.substr(0, data_prefix.size()) != data_prefix)
    return;
  Event event;
  event.type = "message";
  event.data = text.substr(data_prefix.size());
  event.id = {};
  event.index = index_++;
  event.offset = line.offset;
  event.data_offset = line.offset + data_prefix.size();
  sink_.on_event(event);
}

bool LinesParser::copy_state(const Parser &other) {
  const auto *o = dynamic_cast<const LinesParser *>(&other);
  if (!o)
    return false;
  scanner_.copy_state(o->scanner_);
  index_ = o->index_;
  return true;
}

bool LinesParser::same_state(const Parser &other) const {
  const auto *o = dynamic_cast<const LinesParser *>(&other);
  return o && scanner_.same_state(o->scanner_) && index_ == o->index_;
}

std::unique_ptr<Parser> make_lines_parser(EventSink &sink) {
  return std::make_unique<LinesParser>(sink);
}

} // namespace harness::sse

#include "pipeline/event_log.hpp"

#include "sse/utf8.hpp"

namespace harness::pipeline {

namespace {

std::string valid_utf8(std::string_view bytes) {
  if (sse::first_invalid_utf8(bytes) == std::string_view::npos)
    return std::string(bytes);
  std::string out;
  sse::append_utf8_repaired(out, bytes);
  return out;
}

} // namespace

LoggedEvent logged(const sse::Event &event) {
  LoggedEvent e;
  e.index = event.index;
  e.offset = event.offset;
  e.type = event.type.empty() ? std::string("message") : valid_utf8(event.type);
  e.data = valid_utf8(event.data);
  e.id = valid_utf8(event.id);
  e.retry = std::string(event.retry);
  return e;
}

void EventRecorder::on_event(const sse::Event &event) {
  log_.push_back(logged(event));
  next_.on_event(event);
}

} // namespace harness::pipeline

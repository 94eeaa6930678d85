#include "profiles/profile_decoder.hpp"

namespace harness::profiles {

void ProfileDecoder::on_event(const sse::Event &event) {
  if (!reading_ || has_raised())
    return;
  ++result_.events;
  on_sdk_event(event);
}

void ProfileDecoder::on_finding(Finding finding) {
  if (!reading_ || has_raised())
    return;
  std::string message = finding.message;
  result_.findings.push_back(std::move(finding));
  raise(std::move(message));
}

StreamResult ProfileDecoder::finish() {
  if (!has_raised())
    on_end();
  fill(result_);
  return std::move(result_);
}

void ProfileDecoder::raise(std::string message) {
  if (!has_raised())
    result_.raised = std::move(message);
}

void ProfileDecoder::add_error(std::string message, const sse::Event &event, bool from_event_type) {
  result_.errors.push_back(StreamError{std::move(message), from_event_type ? "event" : "payload",
                                       event.data_offset, event.index});
}

} // namespace harness::profiles

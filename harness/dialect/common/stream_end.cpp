#include "dialect/common/stream_end.hpp"

#include <string>

#include "rules/catalog.hpp"

namespace harness::dialect {

void check_usage_and_done(StreamResult &result, bool had_payload, uint64_t offset, uint64_t event,
                          std::string_view no_usage, std::string_view not_done) {
  if (had_payload && !result.usage)
    result.findings.push_back(
        rules::make_finding(rules::usage_missing, offset, event, std::string(no_usage)));
  if (!result.done)
    result.findings.push_back(
        rules::make_finding(rules::done_missing, offset, event, std::string(not_done)));
}

bool EventTrail::arrive(StreamResult &result, const sse::Event &event,
                        std::string_view after_done) {
  ++result.events;
  last_offset_ = event.data_offset;
  last_index_ = event.index;
  if (!result.done)
    return true;
  result.findings.push_back(rules::make_finding(rules::done_data_after_done, event.data_offset,
                                                event.index, std::string(after_done)));
  return false;
}

void EventTrail::finish(StreamResult &result, std::string_view no_usage,
                        std::string_view not_done) const {
  check_usage_and_done(result, payloads_ > 0, last_offset_, last_index_, no_usage, not_done);
}

} // namespace harness::dialect

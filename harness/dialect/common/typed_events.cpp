#include "dialect/common/typed_events.hpp"

#include <string>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"

namespace harness::dialect {

std::string_view event_type(StreamResult &result, const sse::Event &event,
                            const rapidjson::Value &payload, const rules::Rule &mismatch) {
  const auto payload_type = string_member(payload, "type");
  const std::string_view type = event.type == "message" ? std::string_view() : event.type;
  if (type.empty())
    return payload_type.value_or(std::string_view());
  if (payload_type && *payload_type != type)
    add_finding(result, mismatch, event,
                "event: " + std::string(type) + " carries a payload of type " +
                    chat::quoted(*payload_type) + "; the event: type is used");
  return type;
}

void report_unknown(StreamResult &result, const sse::Event &event, std::string_view type,
                    const rules::Rule &unknown, std::string_view why) {
  add_finding(result, unknown, event,
              type.empty()
                  ? std::string("an event with neither an event: type nor a payload type; ignored")
                  : "event type " + chat::quoted(type) + ", " + std::string(why) + "; ignored");
}

Choice &single_choice(StreamResult &result) {
  if (result.choices.empty())
    result.choices.emplace_back();
  return result.choices.front();
}

void StartCheck::require(StreamResult &result, const sse::Event &event, std::string_view type) {
  if (started_ || reported_)
    return;
  reported_ = true;
  add_finding(result, missing_, event,
              std::string(type) + " before any " + std::string(start_events_));
}

} // namespace harness::dialect

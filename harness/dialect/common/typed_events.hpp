#pragma once
// What the typed-event dialects share: in Anthropic Messages (dialect/messages/) and the Responses
// API (dialect/responses/) every SSE block names its event type, a start event opens the stream,
// and the events reassemble one choice (index 0).
//
// event_type(): the SSE `event:` type, or the payload's "type" when the block had no `event:` line
// (captures rebuilt from JSON lines have none); both present and different is the dialect's
// event-type-mismatch rule, and the `event:` type is used.
// report_unknown(): an event of a type the decoder does not handle gets the dialect's
// unknown-event rule and is ignored.
// StartCheck: the first event that needs the start event before it came gets the dialect's
// start-missing rule, once; the event is still applied.
#include <string_view>

#include "core/stream_result.hpp"
#include "rules/catalog.hpp"
#include "sse/parser.hpp"
#include "json/rapidjson.hpp"

namespace harness::dialect {

/// The type of `event`, whose data was read as `payload`; the view points into one of the two.
/// A mismatch adds `mismatch` at the event.
std::string_view event_type(StreamResult &result, const sse::Event &event,
                            const rapidjson::Value &payload, const rules::Rule &mismatch);

/// `unknown` at `event`, whose `type` the decoder does not handle: "event type "TYPE", WHY;
/// ignored", or that the event had no type at all when `type` is empty.
void report_unknown(StreamResult &result, const sse::Event &event, std::string_view type,
                    const rules::Rule &unknown, std::string_view why);

/// The choice these dialects reassemble: the first, made on first use.
Choice &single_choice(StreamResult &result);

class StartCheck {
public:
  /// `missing` is the dialect's start-missing rule; `start_events` names its start events for the
  /// finding message ("TYPE before any START_EVENTS").
  StartCheck(const rules::Rule &missing, std::string_view start_events)
      : missing_(missing), start_events_(start_events) {}

  void start() { started_ = true; }
  bool started() const { return started_; }

  /// An event of `type` that needs the start: `missing` at `event` when the stream has not
  /// started and no event got it yet.
  void require(StreamResult &result, const sse::Event &event, std::string_view type);

private:
  const rules::Rule &missing_;
  std::string_view start_events_;
  bool started_ = false;
  bool reported_ = false;
};

} // namespace harness::dialect

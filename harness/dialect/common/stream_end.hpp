#pragma once
// How a decoder's stream ends, for every decoder.
//
// check_usage_and_done() makes the last two end-of-stream checks, in this order: usage.missing when
// at least one payload was a JSON object and no usage object came, then done.missing when the
// dialect's end marker never came. Both point at the event given. The chat decoder makes them after
// its own checks (dialect/chat/stream_end.hpp), at the last event it was given.
//
// EventTrail is the bookkeeping around them for the Messages and Responses decoders: it counts
// every event, ignores those after the end marker (done.data-after-done), and makes the two checks
// at the last event (offset 0, event 0 when there was none).
#include <cstdint>
#include <string_view>

#include "core/stream_result.hpp"
#include "sse/parser.hpp"

namespace harness::dialect {

/// usage.missing (`no_usage`) when `had_payload` and `result` has no usage, then done.missing
/// (`not_done`) when `result` is not done; both at `offset` and `event`.
void check_usage_and_done(StreamResult &result, bool had_payload, uint64_t offset, uint64_t event,
                          std::string_view no_usage, std::string_view not_done);

class EventTrail {
public:
  /// Counts `event` in result.events and remembers it as the last event. When `result` is done
  /// already, adds done.data-after-done (`after_done`) and returns false: the event is ignored.
  bool arrive(StreamResult &result, const sse::Event &event, std::string_view after_done);

  /// A payload was read as a JSON object: from now on a stream without usage is usage.missing.
  void count_payload() { ++payloads_; }

  /// check_usage_and_done() at the last event.
  void finish(StreamResult &result, std::string_view no_usage, std::string_view not_done) const;

private:
  uint64_t payloads_ = 0;    ///< payloads read as JSON objects
  uint64_t last_offset_ = 0; ///< data_offset of the last event, where end-of-stream findings point
  uint64_t last_index_ = 0;
};

} // namespace harness::dialect

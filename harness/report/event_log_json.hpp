#pragma once
// The JSON Lines form of an event log (schemas/event-log.schema.json): one object per event, keys
// in the order index, offset, type, data, id, retry (retry only when the block set one), e.g.
//   {"index":0,"offset":17,"type":"message","data":"a\nb","id":"","retry":3000}
// `replay --events` prints it, `bless` writes it to a case's events*.jsonl.
#include <string>

#include "pipeline/event_log.hpp"

namespace harness::report {

/// One event as one line of JSON (no newline).
std::string to_json_line(const pipeline::LoggedEvent &event);

/// The whole log, each event's line followed by LF; "" for no events.
std::string to_json_lines(const pipeline::EventLog &log);

} // namespace harness::report

#pragma once
// Expected vs actual event logs (pipeline/event_log.hpp, corpus/event_logs.hpp), event by event:
// the first differing event and, in it, the first differing field, in the order index, offset,
// type, data, id, retry. A field the expected entry leaves out is not compared. One line, e.g.
//   events.jsonl: event 3: data: first difference at byte 5: expected "…" got "…"
//   events.jsonl: event 4: retry: expected 3000, got none
//   events.jsonl: 5 events expected, 4 dispatched; event 4 missing: {"type":"message",...}
//   events.jsonl: 2 events expected, 3 dispatched; event 2 not expected: {"index":2,...}
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/event_logs.hpp"
#include "pipeline/event_log.hpp"

namespace harness::check {

/// The first difference between `expected` and `actual`, prefixed with `label` (the log's file
/// name) and ": "; nullopt when every expected field of every event matches and the counts agree.
/// `compare_positions` false leaves index and offset out (a real client cannot see offsets).
/// An expected retry is compared with the event's retry, "" meaning none.
std::optional<std::string> event_log_difference(std::string_view label,
                                                const std::vector<corpus::ExpectedEvent> &expected,
                                                const pipeline::EventLog &actual,
                                                bool compare_positions = true);

/// A complete log as an expected one (every field present; retry when the event has one), e.g.
/// to compare a split's log with the whole stream's.
std::vector<corpus::ExpectedEvent> as_expected(const pipeline::EventLog &log);

} // namespace harness::check

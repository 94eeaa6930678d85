#pragma once
// A case's expected event logs: files beside its stream, JSON Lines in the form of
// schemas/event-log.schema.json, one object per expected event (pipeline/event_log.hpp):
//   events.jsonl        applies to every implementation
//   events.IMPL.jsonl   overrides it for implementation IMPL (events.lines.jsonl,
//                       events.openai-python.jsonl)
// A field left out of an entry is not compared (vectors taken from other projects' tests assert
// only type, data and id). An empty file means "no events". Blank lines are not allowed (each line
// is one event): a file ends with LF after its last entry, or without it.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace harness::corpus {

struct ExpectedEvent {
  std::optional<uint64_t> index, offset;
  std::optional<std::string> type, data, id;
  std::optional<std::string> retry; ///< decimal integer text, as the log's number reads
  uint64_t line_offset = 0;         ///< where the entry's line starts in its file
};

struct ExpectedLog {
  std::string file; ///< the file name inside the case folder, e.g. "events.lines.jsonl"
  std::string impl; ///< "" for events.jsonl, else the implementation the file is for
  std::vector<ExpectedEvent> events;
};

/// The name of the event log file for `impl` ("" gives events.jsonl).
std::string event_log_file(std::string_view impl);

/// Parses an event log's text; `file` names it in errors, which give the byte offset of the
/// offending line (or of the JSON error in it): invalid JSON, an entry that is not an object, an
/// unknown key, a key of the wrong type (index/offset: integers >= 0; type/data/id: strings; retry:
/// an integer), an empty line.
Result<std::vector<ExpectedEvent>> parse_event_log(std::string_view text, const std::string &file);

/// Every events.jsonl / events.IMPL.jsonl in `dir`, events.jsonl first, then by file name.
/// Errors: a file unreadable, or any parse_event_log error.
Result<std::vector<ExpectedLog>> load_event_logs(const std::filesystem::path &dir);

/// The log that applies to `impl`: events.IMPL.jsonl when present, else the log of the
/// implementation whose SSE layer it shares (`shares`, Implementation::sse_layer; empty: none),
/// else events.jsonl; nullptr when none is.
const ExpectedLog *event_log_for(const std::vector<ExpectedLog> &logs, std::string_view impl,
                                 std::string_view shares = {});

} // namespace harness::corpus

#pragma once
// Test helper: runs a parser over an input under every way of splitting it and records what the
// parser reported as a readable log, one line per call:
//   event index=0 offset=0 data_offset=6 type=message id="" data="a\n\0"
//   finding sse.bom info offset=0 event=0
// Bytes outside printable ASCII, and '"' and '\', are escaped (\n \r \t \0 \" \\ \xHH).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harness::sse::test {

/// The escaped form used in logs.
std::string escape(std::string_view bytes);

/// One expected log line for an event (data, type and id given raw; escaped here).
std::string event_line(uint64_t index, uint64_t offset, uint64_t data_offset, std::string_view data,
                       std::string_view type = "message", std::string_view id = "");
/// One expected log line for a finding; severity as "error", "warning" or "info".
std::string finding_line(std::string_view rule, std::string_view severity, uint64_t offset,
                         uint64_t event);

/// The log of parser `name` fed exactly these chunks, then finish(). Each chunk is copied so that
/// it ends against an unreadable guard page (reads past the slice fault) and is overwritten with
/// '#' after its feed() returns (a view kept past the call shows up as '#' in the log).
std::string log_of_chunks(std::string_view name, const std::vector<std::string_view> &chunks);

struct ReplayResult {
  std::string log;      ///< the log of the whole-input feed
  std::string mismatch; ///< empty, or which split gave which different log
};

/// Runs `input` (a) whole, (b) byte by byte with empty feeds in between, (c) at every 2-way split
/// point and (d) when it is at most 40 bytes, at every 3-way split; all logs must be equal.
ReplayResult replay_all_splits(std::string_view name, std::string_view input);

/// replay_all_splits, then doctest-checks that no split differed and that the log is `expected`.
void check_log(std::string_view name, std::string_view input, std::string_view expected);

} // namespace harness::sse::test

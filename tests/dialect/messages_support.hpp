#pragma once
// Feeding the Anthropic Messages and Responses API decoders: hand-made events straight into a
// decoder (no SSE parser), or SSE text through the `tolerant` parser. The responses tests use it
// too (test files of both dialects are named messages_* / responses_*). Reading findings
// (rules_of, rule_counts) comes with dialect_support.hpp.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "dialect/decoder.hpp"
#include "dialect/dialect_support.hpp"

namespace dialect_test {

using DecoderFactory = std::unique_ptr<harness::dialect::Decoder> (*)();

/// One SSE event as a parser would dispatch it; type "message" = no `event:` line.
struct Ev {
  std::string data;
  std::string type = "message";
};

/// A fresh decoder fed `events` through an EventFeed (offsets as if each were written
/// `data: <data>\n\n` one after the other), then finished.
harness::StreamResult run_events(DecoderFactory make, const std::vector<Ev> &events);

/// run_events bound to one dialect's decoder: `const Runner run{make_messages_decoder};`.
struct Runner {
  DecoderFactory make;
  harness::StreamResult operator()(const std::vector<Ev> &events) const;
};

/// The offset run_events gives to event `i`'s data.
uint64_t data_offset_of(const std::vector<Ev> &events, size_t i);

/// Doctest-checks that every finding of `r` points at event `i` of `events`: its index and the
/// offset of its data.
void check_findings_at(const harness::StreamResult &r, const std::vector<Ev> &events, size_t i);

/// `sse` through the tolerant parser into a fresh decoder, fed whole; fed again byte by byte, the
/// result must be the same (doctest CHECK).
harness::StreamResult replay(DecoderFactory make, std::string_view sse);

} // namespace dialect_test

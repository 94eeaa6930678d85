#pragma once
// Feeding the Anthropic Messages and Responses API decoders: hand-made events straight into a
// decoder (no SSE parser), or SSE text through the `tolerant` parser. The responses tests use it
// too (test files of both dialects are named messages_* / responses_*).
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "dialect/decoder.hpp"

namespace dialect_test {

using DecoderFactory = std::unique_ptr<harness::dialect::Decoder> (*)();

/// One SSE event as a parser would dispatch it; type "message" = no `event:` line.
struct Ev {
  std::string data;
  std::string type = "message";
};

/// Feeds events with offsets as if each were written `data: <data>\n\n` one after the other
/// (data_offset = offset + 6), then finishes.
harness::StreamResult run_events(DecoderFactory make, const std::vector<Ev> &events);

/// The offset run_events gives to event `i`'s data.
uint64_t data_offset_of(const std::vector<Ev> &events, size_t i);

/// `sse` through the tolerant parser into a fresh decoder, fed whole; fed again byte by byte, the
/// result must be the same (doctest CHECK).
harness::StreamResult replay(DecoderFactory make, std::string_view sse);

/// Rule ids of the findings, in order.
std::vector<std::string> rules_of(const harness::StreamResult &r);
/// How many findings each rule has.
std::map<std::string, int> rule_counts(const harness::StreamResult &r);

} // namespace dialect_test

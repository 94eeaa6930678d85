#pragma once
// Feeding hand-made SSE events straight into the chat decoder (no SSE parser involved).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "dialect/chat/chat_decoder.hpp"

namespace chat_test {

/// One SSE event as a parser would dispatch it.
struct Ev {
  std::string data;
  std::string type = "message";
};

/// Feeds events with offsets as if each were written `data: <data>\n\n` one after the other
/// (data_offset = offset + 6), then finishes. `stats`, when given, receives the memo counters.
harness::StreamResult run_events(const std::vector<Ev> &events, unsigned memo_shapes = 4,
                                 harness::chat::MemoStats *stats = nullptr);

/// The same for plain `message` events, one per payload.
harness::StreamResult run_payloads(const std::vector<std::string> &payloads,
                                   unsigned memo_shapes = 4,
                                   harness::chat::MemoStats *stats = nullptr);

/// The offset run_events gives to event `i`'s data, for checking finding offsets.
uint64_t data_offset_of(const std::vector<std::string> &payloads, size_t i);

/// Rule ids of the findings, in order.
std::vector<std::string> rules_of(const harness::StreamResult &r);

/// A one-choice chunk: {"choices":[{"index":<index>,"delta":<delta>}]} plus `extra` members.
std::string chunk(std::string_view delta, int index = 0, std::string_view extra = "");

} // namespace chat_test

#pragma once
// What the chat and the messages/responses test support share: handing hand-made events to a
// decoder (no SSE parser) as if they had been written one after the other, and reading the
// findings of a result.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "dialect/decoder.hpp"

namespace dialect_test {

/// `data: `, written before each event's data.
inline constexpr uint64_t kDataPrefix = 6;

/// The bytes an event with `data` takes when written `data: <data>\n\n`.
constexpr uint64_t written_size(std::string_view data) {
  return kDataPrefix + data.size() + 2;
}

/// Hands events to a decoder as a parser would dispatch them, each laid out as if written
/// `data: <data>\n\n` right after the one before: the n-th call's event has index n (from 0),
/// offset = the written_size of all events before it, data_offset = offset + kDataPrefix.
class EventFeed {
public:
  explicit EventFeed(harness::dialect::Decoder &decoder) : decoder_(decoder) {}
  void operator()(std::string_view data, std::string_view type);

private:
  harness::dialect::Decoder &decoder_;
  uint64_t index_ = 0;
  uint64_t offset_ = 0;
};

/// Rule ids of the findings, in order.
std::vector<std::string> rules_of(const harness::StreamResult &r);
/// How many findings each rule has.
std::map<std::string, int> rule_counts(const harness::StreamResult &r);

/// Expected rule ids, in order (compared with rules_of).
using Strings = std::vector<std::string>;
/// Expected findings per rule (compared with rule_counts).
using Counts = std::map<std::string, int>;

} // namespace dialect_test

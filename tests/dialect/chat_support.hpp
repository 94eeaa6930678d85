#pragma once
// Feeding hand-made SSE events straight into the chat decoder (no SSE parser involved).
#include <cstdint>
#include <optional>
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

/// run_payloads with the memo off and with four shapes; doctest-checks that both results are
/// equal and returns it.
harness::StreamResult run_memo_on_and_off(const std::vector<std::string> &payloads);

/// A one-choice chunk: {"id":"chatcmpl-1","object":"chat.completion.chunk",
/// "choices":[{"index":<index>,"delta":<delta>}]} plus `extra` members.
std::string chunk(std::string_view delta, int index = 0, std::string_view extra = "");

/// `payload` (a JSON object's text starting with '{') with the chunk header chunk() uses
/// ("id":"chatcmpl-1","object":"chat.completion.chunk") inserted as its first members.
std::string headed(std::string_view payload);

/// A one-choice chunk with an empty delta and `finish_json` (JSON text: "null", "\"stop\"", ...)
/// as finish_reason.
std::string finish_chunk(std::string_view finish_json, int index = 0);

/// What framed() puts around a test's payloads.
struct Frame {
  int choices = 1;  ///< choices 0..choices-1 get the opening role and the closing finish_reason
  bool role = true; ///< a first chunk giving each choice the role "assistant"
  std::optional<std::string> finish = "stop"; ///< a last chunk finishing each choice with it
  bool usage = true; ///< then a `choices: []` chunk with usage 1/1/2
  bool done = true;  ///< then [DONE]
};

/// `body` inside a well-formed stream, so that a test about one merge rule sees only that rule's
/// findings: the end-of-stream rules (first delta without role, finish_reason missing, usage
/// missing, [DONE] missing) have tests of their own. The body keeps its payloads' positions only
/// without the opening chunk: with it, body payload i is payload i + 1.
std::vector<std::string> framed(const std::vector<std::string> &body, const Frame &frame = {});

} // namespace chat_test

#pragma once
// The result of replaying one stream: what a client would have reassembled, plus what the harness
// noticed on the way. This is the in-memory form of the result document
// (schemas/result.schema.json); report/result_json.* converts between the two.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"

namespace harness {

struct ToolCall {
  int64_t index = 0;
  std::optional<std::string> id;   ///< set once; a repeated identical value is not concatenated
  std::optional<std::string> type;
  std::optional<std::string> name;
  std::string arguments;           ///< fragments concatenated in arrival order
  bool operator==(const ToolCall &) const = default;
};

struct Choice {
  int64_t index = 0;
  std::optional<std::string> role; ///< first role seen; null when the stream never sent one
  std::string text;                ///< delta.content concatenated
  std::string reasoning;           ///< delta.reasoning_content or delta.reasoning concatenated
  std::string refusal;             ///< delta.refusal concatenated
  std::optional<std::string> finish_reason; ///< first non-empty one; null when none arrived
  std::vector<ToolCall> tool_calls;         ///< ordered by index
  bool operator==(const Choice &) const = default;
};

/// Token counts normalised across dialects; a counter the stream did not send stays empty.
struct Usage {
  std::optional<int64_t> prompt_tokens;
  std::optional<int64_t> completion_tokens;
  std::optional<int64_t> total_tokens;
  std::optional<int64_t> reasoning_tokens;
  bool operator==(const Usage &) const = default;
};

/// An error the producer reported inside the stream ({"error": ...} payload or `event: error`).
struct StreamError {
  std::string message;  ///< the error's message, or its JSON text when it has none
  std::string source;   ///< "payload" or "event"
  uint64_t offset = 0;
  uint64_t event = 0;
  bool operator==(const StreamError &) const = default;
};

struct StreamResult {
  uint64_t events = 0;          ///< SSE events the parser dispatched (including [DONE])
  /// The dialect's end marker was seen: `data: [DONE]` (chat), `message_stop` (Anthropic
  /// Messages), or a terminal `response.completed|incomplete|failed` (Responses API).
  bool done = false;
  std::vector<Choice> choices;  ///< ordered by index
  std::optional<Usage> usage;   ///< last non-null usage object
  std::vector<StreamError> errors;
  std::vector<Finding> findings; ///< in the order they were made
  /// What a client raised, which ended its iteration (SDK profiles and real clients; e.g.
  /// "missing finish_reason"). Empty when it ran to the end. The harness's own decoders never raise.
  std::optional<std::string> raised;
  bool operator==(const StreamResult &) const = default;
};

} // namespace harness

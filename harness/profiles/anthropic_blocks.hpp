#pragma once
// The content blocks of an Anthropic message as both Anthropic SDKs accumulate them
// (anthropic-sdk-python lib/streaming/_messages.py accumulate_event, anthropic-sdk-typescript
// src/lib/MessageStream.ts #accumulateMessage), and what a result shows of them:
//   - content_block_start appends its content_block; the event's `index` is never read, so the
//     blocks are numbered by arrival;
//   - a delta finds its block by position like Python's list[i] and JavaScript's Array.at(i)
//     (negative counts from the end); text_delta grows a `text` block, thinking_delta a
//     `thinking` block, input_json_delta the JSON buffer of a `tool_use` or `server_tool_use`
//     block (the only two that track input); a delta for a block of another type, and
//     signature and citations deltas, change nothing shown;
//   - shown: text = the text blocks' texts joined with "" (get_final_text), reasoning = the
//     thinking blocks' texts joined, one tool call per tool_use, server_tool_use or mcp_tool_use
//     block (index = its position among them, type = the block type) whose arguments are the
//     JSON text its `input` was parsed from: the input_json_delta fragments concatenated, or,
//     without any, the compact JSON of a non-empty content_block.input ("" for {}).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/stream_result.hpp"
#include "profiles/json_payload.hpp"

namespace harness::profiles {

struct AnthropicBlock {
  std::string type;
  std::string text;     ///< text (text blocks) or thinking (thinking blocks)
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::string input;    ///< compact JSON of a non-empty content_block.input
  std::string json_buf; ///< input_json_delta fragments (tracked blocks only)
  bool json_seen = false;

  /// One content_block_delta's delta object.
  void apply(const JsonValue &delta);
};

class AnthropicBlocks {
public:
  /// message_start's message.content (usually empty): its object elements, in order.
  void start(const JsonValue *content);
  /// content_block_start's content_block (an object).
  void append(const JsonValue &block);
  /// The block at `index` as list[index] / Array.at(index) finds it; nullptr when out of range.
  AnthropicBlock *at(int64_t index);
  /// Text, reasoning and tool calls as the header says.
  void fill(Choice &choice) const;

private:
  std::vector<AnthropicBlock> blocks_;
};

/// The message snapshot both SDKs keep: what message_start's message gives, grown by the events.
struct AnthropicMessage {
  std::optional<std::string> role;
  std::optional<std::string> stop_reason;
  bool has_usage = false; ///< message.usage was an object (message_delta writes into it)
  std::optional<int64_t> input_tokens;
  std::optional<int64_t> output_tokens;
  AnthropicBlocks blocks;

  /// From message_start's `message` object: role, usage, content.
  static AnthropicMessage from_start(const JsonValue &message);
  /// message_delta, in both SDKs' order: `stop_reason = delta.stop_reason` (absent or not a
  /// string: none), then (when nothing raised in between) the usage object's output_tokens and,
  /// when not null, its input_tokens.
  void take_stop_reason(const JsonValue &delta);
  void take_usage(const JsonValue &usage);
  /// One choice (role, text, reasoning, tool calls, the stop_reason as finish_reason) and, when
  /// the message had a usage object, prompt_tokens = input_tokens, completion_tokens =
  /// output_tokens.
  void fill(StreamResult &result) const;
};

} // namespace harness::profiles

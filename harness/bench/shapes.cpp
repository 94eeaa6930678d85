#include <algorithm>

#include "bench/generate.hpp"
#include "dialect/dialect.hpp"

namespace harness::bench {

namespace {

constexpr Shape kShapes[] = {
    {"openai-chat", dialect::kOpenAiChat,
     "OpenAI chat: one content word per chunk, obfuscation pad, usage chunk, [DONE]",
     generate_openai_stream},
    {"usage-every-chunk", dialect::kOpenAiChat,
     "xAI grok-beta: role and cumulative usage counters on every chunk",
     generate_usage_every_chunk},
    {"tool-calls", dialect::kOpenAiChat,
     "three parallel tool calls, arguments in fragments of one word", generate_tool_calls},
    {"anthropic-messages", dialect::kAnthropicMessages,
     "thinking, text and tool_use input_json_delta blocks, pings", generate_messages},
    {"openai-responses", dialect::kOpenAiResponses,
     "output_text deltas with logprobs, obfuscation and sequence_number", generate_responses},
};

} // namespace

std::span<const Shape> shapes() { return kShapes; }

const Shape *find_shape(std::string_view name) {
  const auto it = std::find_if(std::begin(kShapes), std::end(kShapes),
                               [&](const Shape &s) { return s.name == name; });
  return it == std::end(kShapes) ? nullptr : it;
}

} // namespace harness::bench

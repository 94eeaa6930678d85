// The Anthropic Messages shape: a thinking block, a text block and a tool_use block whose input
// arrives as input_json_delta fragments, with pings between, as Claude streams with extended
// thinking and tools. The bytes are split about 40 / 40 / 20 between the three blocks.
#include <string>

#include "bench/generate.hpp"
#include "bench/words.hpp"

namespace harness::bench {

namespace {

void event(Generated &g, std::string_view type, std::string_view data) {
  g.bytes.append("event: ").append(type).append("\ndata: ").append(data).append("\n\n");
  ++g.events;
}

void block_delta(Generated &g, int index, std::string_view delta) {
  event(g, "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + std::to_string(index) +
            ",\"delta\":" + std::string(delta) + "}");
}

} // namespace

Generated generate_messages(uint64_t min_bytes, uint64_t seed) {
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  g.arguments.assign(1, {});
  uint64_t state = seed;
  event(g, "message_start",
        "{\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-20250514\",\"id\":"
        "\"msg_01ALwQ87pTS7hH1PjSdC9wJD\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
        "[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":43,"
        "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
  auto until = [&](uint64_t share, auto &&one) {
    const uint64_t stop = g.bytes.size() + share;
    for (uint64_t n = 1; g.bytes.size() < stop; ++n) {
      one();
      if (n % 64 == 0)
        event(g, "ping", "{\"type\": \"ping\"}");
    }
  };
  const uint64_t share = min_bytes / 5;

  event(g, "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\","
        "\"thinking\":\"\",\"signature\":\"\"}}");
  until(2 * share, [&] {
    const Word &w = next_word(state);
    block_delta(g, 0, "{\"type\":\"thinking_delta\",\"thinking\":\"" + std::string(w.json) + "\"}");
    g.reasoning += w.text;
  });
  block_delta(g, 0, "{\"type\":\"signature_delta\",\"signature\":\"EvMCCkYICxgCKkCHP2cSuEdcJK\"}");
  event(g, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");

  event(g, "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\","
        "\"text\":\"\"}}");
  until(2 * share, [&] {
    const Word &w = next_word(state);
    block_delta(g, 1, "{\"type\":\"text_delta\",\"text\":\"" + std::string(w.json) + "\"}");
    g.text += w.text;
  });
  event(g, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");

  event(g, "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\","
        "\"id\":\"toolu_01GWMYVRPdJWuP8ywu1XZDW8\",\"name\":\"search_web\",\"input\":{}}}");
  auto partial = [&](std::string_view raw) {
    g.arguments[0] += raw;
    block_delta(g, 2, "{\"type\":\"input_json_delta\",\"partial_json\":" + json_string(raw) + "}");
  };
  partial("{\"query\": \"");
  // JSON string content, so the finished input is a valid JSON object.
  until(min_bytes > g.bytes.size() ? min_bytes - g.bytes.size() : 0,
        [&] { partial(next_word(state).json); });
  partial("\"}");
  event(g, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}");
  event(g, "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":"
        "null},\"usage\":{\"output_tokens\":" + std::to_string(g.events) + "}}");
  event(g, "message_stop", "{\"type\":\"message_stop\"}");
  return g;
}

} // namespace harness::bench

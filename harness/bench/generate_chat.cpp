// The OpenAI chat.completion.chunk shapes: plain content deltas, xAI grok-beta's cumulative usage
// on every chunk, and tool-call-heavy streams.
#include <string>

#include "bench/generate.hpp"
#include "bench/words.hpp"

namespace harness::bench {

namespace {

constexpr std::string_view kOpenAiPrefix =
    "data: {\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
    "\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\","
    "\"system_fingerprint\":\"fp_eb9dce56a8\",\"choices\":[";

/// One OpenAI chunk: the fixed header, `choices`, null usage and an obfuscation pad.
void openai_chunk(Generated &g, uint64_t &state, std::string_view choices) {
  g.bytes += kOpenAiPrefix;
  g.bytes += choices;
  g.bytes += "],\"usage\":null,\"obfuscation\":\"";
  append_pad(g.bytes, state);
  g.bytes += "\"}\n\n";
  ++g.events;
}

/// The usage-only chunk (`choices: []`, as stream_options.include_usage sends) and [DONE].
void openai_end(Generated &g, uint64_t completion_tokens) {
  g.bytes += kOpenAiPrefix;
  g.bytes += "],\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":" +
             std::to_string(completion_tokens) + ",\"total_tokens\":" +
             std::to_string(completion_tokens + 19) +
             ",\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
             "data: [DONE]\n\n";
  g.events += 2;
}

} // namespace

Generated generate_openai_stream(uint64_t min_bytes, uint64_t seed) {
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  uint64_t state = seed;
  openai_chunk(g, state,
               "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
               "\"logprobs\":null,\"finish_reason\":null}");
  uint64_t words = 0;
  std::string choices;
  while (g.bytes.size() < min_bytes) {
    const Word &w = next_word(state);
    choices.assign("{\"index\":0,\"delta\":{\"content\":\"").append(w.json).append(
        "\"},\"logprobs\":null,\"finish_reason\":null}");
    openai_chunk(g, state, choices);
    g.text += w.text;
    ++words;
  }
  openai_chunk(g, state, "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}");
  openai_end(g, words);
  return g;
}

// xAI grok-beta (seed 004's shape): every chunk repeats the role and carries the cumulative usage,
// so the counters differ in every chunk.
Generated generate_usage_every_chunk(uint64_t min_bytes, uint64_t seed) {
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  uint64_t state = seed;
  uint64_t words = 0;
  auto chunk = [&](std::string_view delta_content, std::string_view finish) {
    ++words;
    g.bytes += "data: {\"id\":\"6997ab18-bfe6-43fe-826a-50b0c4e27431\",\"object\":"
               "\"chat.completion.chunk\",\"created\":1732551210,\"model\":\"grok-beta\","
               "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
    g.bytes += delta_content;
    g.bytes += "\",\"role\":\"assistant\"}";
    g.bytes += finish;
    g.bytes += "}],\"usage\":{\"prompt_tokens\":41,\"completion_tokens\":" + std::to_string(words) +
               ",\"total_tokens\":" + std::to_string(41 + words) +
               ",\"prompt_tokens_details\":{\"text_tokens\":41,\"audio_tokens\":0,"
               "\"image_tokens\":0,\"cached_tokens\":0}},\"system_fingerprint\":\"fp_6ca29cf396\"}"
               "\n\n";
    ++g.events;
  };
  while (g.bytes.size() < min_bytes) {
    const Word &w = next_word(state);
    chunk(w.json, "");
    g.text += w.text;
  }
  chunk("", ",\"finish_reason\":\"stop\"");
  g.bytes += "data: [DONE]\n\n";
  ++g.events;
  return g;
}

// Parallel tool calls whose `arguments` arrive in many small fragments: each call opens with its
// id, type and name, then its JSON arguments (escaped inside the string) come a few bytes at a
// time, as OpenAI streams them; the calls take turns, a block of fragments each.
Generated generate_tool_calls(uint64_t min_bytes, uint64_t seed) {
  constexpr int kCalls = 3;
  constexpr std::string_view kNames[kCalls] = {"search_web", "get_weather", "lookup_order"};
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  g.arguments.assign(kCalls, {});
  uint64_t state = seed;
  openai_chunk(g, state,
               "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"refusal\":null},"
               "\"logprobs\":null,\"finish_reason\":null}");
  auto fragment = [&](int call, std::string_view raw) {
    g.arguments[static_cast<size_t>(call)] += raw;
    openai_chunk(g, state,
                 "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + std::to_string(call) +
                     ",\"function\":{\"arguments\":" + json_string(raw) +
                     "}}]},\"logprobs\":null,\"finish_reason\":null}");
  };
  for (int call = 0; call < kCalls; ++call) {
    openai_chunk(g, state,
                 "{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + std::to_string(call) +
                     ",\"id\":\"call_3rqTYrA6H21AYUaRGP4F66o" + std::to_string(call) +
                     "\",\"type\":\"function\",\"function\":{\"name\":\"" +
                     std::string(kNames[call]) +
                     "\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}");
    fragment(call, "{\"query\": \"");
  }
  for (int call = 0; g.bytes.size() < min_bytes; call = (call + 1) % kCalls)
    for (int i = 0; i < 16; ++i)
      fragment(call, next_word(state).json); // JSON string content: the arguments stay valid JSON
  for (int call = 0; call < kCalls; ++call)
    fragment(call, "\"}");
  openai_chunk(g, state,
               "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}");
  openai_end(g, g.events);
  return g;
}

} // namespace harness::bench

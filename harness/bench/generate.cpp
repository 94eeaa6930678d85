#include "bench/generate.hpp"

#include "split/split.hpp"

namespace harness::bench {

namespace {

struct Word {
  const char *json; ///< as it appears inside the JSON string
  const char *text; ///< decoded
};

// Mostly plain words, as real content deltas are, with some escapes and multi-byte UTF-8.
constexpr Word kWords[] = {
    {" the", " the"},         {" answer", " answer"}, {" is", " is"},     {" 42", " 42"},
    {".", "."},               {" Douglas", " Douglas"}, {" Adams", " Adams"}, {",", ","},
    {" caf\xC3\xA9", " caf\xC3\xA9"}, {" \\\"quoted\\\"", " \"quoted\""}, {"\\n\\n", "\n\n"},
    {" na\xC3\xAFve", " na\xC3\xAFve"}, {" **bold**", " **bold**"}, {" \xE2\x80\x94", " \xE2\x80\x94"},
    {" universe", " universe"}, {" everything", " everything"},
};

constexpr const char *kPrefix =
    "data: {\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion.chunk\","
    "\"created\":1741570283,\"model\":\"gpt-4o-2024-08-06\",\"service_tier\":\"default\","
    "\"system_fingerprint\":\"fp_eb9dce56a8\",\"choices\":[";

void obfuscation(std::string &out, uint64_t &state) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const uint64_t len = 4 + split::detail::next_random(state) % 12;
  for (uint64_t i = 0; i < len; ++i)
    out += alphabet[split::detail::next_random(state) % (sizeof alphabet - 1)];
}

} // namespace

Generated generate_openai_stream(uint64_t min_bytes, uint64_t seed) {
  Generated g;
  g.bytes.reserve(min_bytes + 4096);
  uint64_t state = seed;
  auto chunk = [&](const std::string &choices, const char *usage) {
    g.bytes += kPrefix;
    g.bytes += choices;
    g.bytes += "],\"usage\":";
    g.bytes += usage;
    g.bytes += ",\"obfuscation\":\"";
    obfuscation(g.bytes, state);
    g.bytes += "\"}\n\n";
    ++g.events;
  };
  chunk("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
        "\"logprobs\":null,\"finish_reason\":null}",
        "null");
  uint64_t words = 0;
  while (g.bytes.size() < min_bytes) {
    const auto &w = kWords[split::detail::next_random(state) % (sizeof kWords / sizeof kWords[0])];
    chunk(std::string("{\"index\":0,\"delta\":{\"content\":\"") + w.json +
              "\"},\"logprobs\":null,\"finish_reason\":null}",
          "null");
    g.text += w.text;
    ++words;
  }
  chunk("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}", "null");
  const std::string usage = "{\"prompt_tokens\":19,\"completion_tokens\":" + std::to_string(words) +
                            ",\"total_tokens\":" + std::to_string(words + 19) +
                            ",\"completion_tokens_details\":{\"reasoning_tokens\":0}}";
  g.bytes += kPrefix;
  g.bytes += "],\"usage\":" + usage + "}\n\n";
  ++g.events;
  g.bytes += "data: [DONE]\n\n";
  ++g.events;
  return g;
}

} // namespace harness::bench

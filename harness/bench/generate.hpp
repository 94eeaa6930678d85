#pragma once
// A deterministic OpenAI-style chat.completion.chunk stream for benchmarks: a role chunk, content
// chunks (words with JSON escapes and non-ASCII text mixed in, and the `obfuscation` padding field
// real OpenAI streams carry), a finish chunk, a usage chunk with `choices: []`, and `data: [DONE]`,
// each event followed by a blank line.
#include <cstdint>
#include <string>

namespace harness::bench {

struct Generated {
  std::string bytes;
  uint64_t events = 0;
  std::string text; ///< what a correct client reassembles, for a sanity check
};

/// At least `min_bytes` bytes (it ends on a whole event); the same seed gives the same bytes.
Generated generate_openai_stream(uint64_t min_bytes, uint64_t seed = 1);

} // namespace harness::bench

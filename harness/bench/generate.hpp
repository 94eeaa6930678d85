#pragma once
// Deterministic generated streams for benchmarks, one per named *shape*: the stream shapes real
// producers send, at any size, so `bench` can measure each at the same scale. Every shape is a
// complete, valid stream of its dialect (events end with a blank line, the dialect's end marker
// last), built from one word source; the same seed always gives the same bytes.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace harness::bench {

struct Generated {
  std::string bytes;
  uint64_t events = 0;
  /// What a correct client reassembles for choice 0, for sanity checks.
  std::string text;
  std::string reasoning;
  std::vector<std::string> arguments; ///< each tool call's arguments, by index
};

struct Shape {
  std::string_view name;        ///< used on the command line (`bench --shape NAME`)
  std::string_view dialect;     ///< dialect/dialect.hpp
  std::string_view description; ///< one line, printed by `bench`
  /// At least `min_bytes` bytes, ending on a whole event.
  Generated (*generate)(uint64_t min_bytes, uint64_t seed);
};

/// Every shape, in the order `bench` prints them: generated OpenAI chat first.
std::span<const Shape> shapes();

/// nullptr when no shape has that name.
const Shape *find_shape(std::string_view name);

// The shapes (generate_chat.cpp, generate_messages.cpp, generate_responses.cpp).
Generated generate_openai_stream(uint64_t min_bytes, uint64_t seed = 1);
Generated generate_usage_every_chunk(uint64_t min_bytes, uint64_t seed = 1);
Generated generate_tool_calls(uint64_t min_bytes, uint64_t seed = 1);
Generated generate_messages(uint64_t min_bytes, uint64_t seed = 1);
Generated generate_responses(uint64_t min_bytes, uint64_t seed = 1);

} // namespace harness::bench

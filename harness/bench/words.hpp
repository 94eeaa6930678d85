#pragma once
// The word source every generated shape draws from: mostly plain words, as real deltas are, with
// JSON escapes and multi-byte UTF-8 mixed in, and the random padding strings producers add.
#include <cstdint>
#include <string>
#include <string_view>

namespace harness::bench {

struct Word {
  std::string_view json; ///< as it appears inside a JSON string literal
  std::string_view text; ///< decoded
};

/// The next word of the seeded sequence held in `state`.
const Word &next_word(uint64_t &state);

/// Appends 4..15 random alphanumerics (an `obfuscation` pad) to `out`.
void append_pad(std::string &out, uint64_t &state);

/// `text` as a JSON string literal, quotes included (RapidJSON's writer does the escaping).
std::string json_string(std::string_view text);

} // namespace harness::bench

#pragma once
// The split encoding: one fuzz input that carries both a stream and the way it is cut into feeds,
// so that a fuzzer mutates where the bytes are split as well as the bytes themselves. README
// "Fuzzing" documents it for harness writers in any language.
//
//   offset 0      4 bytes   magic FF 53 50 31 ("\xffSP1"; 0xFF never starts valid UTF-8)
//   offset 4      1 byte    N, how many feed lengths follow (0..255)
//   offset 5      2N bytes  N lengths, unsigned 16-bit little-endian
//   offset 5+2N   the rest  the stream
//
// Feeding: the lengths are used in order and cycled until the stream is consumed; each feed is
// min(length, bytes left); a length of 0 is an empty feed (parsers must accept those). N = 0 feeds
// the stream whole. When a whole cycle of lengths consumes nothing (all zero), the rest is fed
// whole, so every input ends. A header cut short (fewer than 5+2N bytes) leaves an empty stream,
// fed as no feeds. An input that does not start with the magic is a plain stream, fed whole.
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace harness::fuzz {

inline constexpr std::string_view kSplitMagic{"\xffSP1", 4};
/// At most this many lengths fit the one-byte count.
inline constexpr size_t kMaxSplitLengths = 255;

struct SplitInput {
  bool encoded = false;          ///< the input started with the magic
  std::string_view stream;       ///< a view into the input
  std::vector<uint16_t> lengths; ///< empty: the stream is fed whole
};

/// Reads an input as described above. Never fails: every byte string is some SplitInput.
SplitInput decode_split(std::string_view input);

/// The input that decode_split reads back as `stream` cut by `lengths` (at most kMaxSplitLengths;
/// more is a programming error and throws std::length_error).
std::string encode_split(std::span<const uint16_t> lengths, std::string_view stream);

/// Calls f(std::string_view feed) for each feed of `in`, in order (see the top of this file).
/// The feeds, joined, are exactly in.stream.
template <class F> void for_each_feed(const SplitInput &in, F &&f) {
  const std::string_view s = in.stream;
  if (in.lengths.empty()) {
    if (!s.empty())
      f(s);
    return;
  }
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t cycle_start = pos;
    for (const uint16_t len : in.lengths) {
      const size_t n = std::min<size_t>(len, s.size() - pos);
      f(s.substr(pos, n));
      pos += n;
      if (pos == s.size())
        return;
    }
    if (pos == cycle_start) { // a cycle of zero lengths: the rest whole
      f(s.substr(pos));
      return;
    }
  }
}

} // namespace harness::fuzz

#include "fuzz/split_encoding.hpp"

#include <stdexcept>

namespace harness::fuzz {

SplitInput decode_split(std::string_view input) {
  SplitInput in;
  if (input.substr(0, kSplitMagic.size()) != kSplitMagic) {
    in.stream = input;
    return in;
  }
  in.encoded = true;
  const size_t count_at = kSplitMagic.size();
  if (input.size() <= count_at)
    return in; // cut short: empty stream
  const size_t n = static_cast<unsigned char>(input[count_at]);
  const size_t stream_at = count_at + 1 + 2 * n;
  if (input.size() < stream_at)
    return in;
  in.lengths.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const auto lo = static_cast<unsigned char>(input[count_at + 1 + 2 * i]);
    const auto hi = static_cast<unsigned char>(input[count_at + 2 + 2 * i]);
    in.lengths.push_back(static_cast<uint16_t>(lo | (hi << 8)));
  }
  in.stream = input.substr(stream_at);
  return in;
}

std::string encode_split(std::span<const uint16_t> lengths, std::string_view stream) {
  if (lengths.size() > kMaxSplitLengths)
    throw std::length_error("encode_split: more than 255 feed lengths");
  std::string out(kSplitMagic);
  out.push_back(static_cast<char>(lengths.size()));
  for (const uint16_t len : lengths) {
    out.push_back(static_cast<char>(len & 0xff));
    out.push_back(static_cast<char>(len >> 8));
  }
  out.append(stream);
  return out;
}

} // namespace harness::fuzz

#include "fuzz/seeds.hpp"

#include <algorithm>
#include <stdexcept>

#include <openssl/evp.h>

#include "fuzz/seeds_events.hpp"
#include "fuzz/split_encoding.hpp"
#include "split/split.hpp"
#include "variants/variants.hpp"

namespace harness::fuzz {

std::string sha1_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha1(), nullptr) != 1)
    throw std::runtime_error("OpenSSL could not compute a SHA-1");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

bool valid_target_name(std::string_view name) {
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  return !name.empty() && name.size() <= 64 && alnum(name.front()) &&
         std::all_of(name.begin(), name.end(),
                     [&](char c) { return alnum(c) || c == '_' || c == '.' || c == '-'; });
}

std::vector<std::vector<uint16_t>> split_cycles(std::string_view case_id, size_t stream_size) {
  std::vector<std::vector<uint16_t>> out{{1}, {2}, {3}, {7}};
  // FNV-1a of the id: the same case always gets the same cycle, different cases different ones.
  uint64_t state = 0xcbf29ce484222325ULL;
  for (const char c : case_id)
    state = (state ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  std::vector<uint16_t> cycle;
  size_t covered = 0;
  do {
    const uint64_t len = split::detail::random_slice_size(state); // 1..4096
    cycle.push_back(static_cast<uint16_t>(len));
    covered += len;
  } while (covered < stream_size && cycle.size() < kMaxSplitLengths);
  out.push_back(std::move(cycle));
  return out;
}

SeedSet collect_seeds(const std::vector<corpus::Case> &cases) {
  SeedSet set;
  auto add = [&](std::string bytes, size_t &count) {
    ++count;
    set.max_len = std::max(set.max_len, bytes.size());
    std::string name = sha1_hex(bytes);
    if (!set.files.emplace(std::move(name), std::move(bytes)).second)
      ++set.counts.duplicates;
  };
  for (const auto &c : cases) {
    const std::string_view stream = c.capture.stream();
    add(std::string(stream), set.counts.streams);
    const auto offsets = parse_events(stream).offsets;
    for (const auto &v : variants::variants())
      if (auto bytes = variants::derive(v.kind, stream, offsets))
        add(std::move(*bytes), set.counts.variants);
    for (const auto &cycle : split_cycles(c.id, stream.size()))
      add(encode_split(cycle, stream), set.counts.split_encoded);
  }
  return set;
}

std::string options_text(std::string_view target, size_t max_len) {
  return "[libfuzzer]\ndict = " + std::string(target) +
         ".dict\nmax_len = " + std::to_string(max_len) + "\n";
}

} // namespace harness::fuzz

#pragma once
// Replay splits: how a stream's bytes are cut into the slices a parser is fed. A correct parser
// gives the same events under every split; the checker uses splits to prove it.
//
// Spec syntax (as users write it):
//   whole        one slice
//   bytes:N      slices of N bytes (the last may be shorter); N >= 1
//   drip         = bytes:1
//   random:SEED  slice sizes from a seeded generator (splitmix64): mostly 1..16 bytes, one in eight
//                up to 4096, so both tiny and large feeds occur; the same seed always cuts the same way
//   every        every 2-way split point: n-1 splits "at:K" for K in 1..n-1 (n = stream size)
//   feeds:L1,L2,...  feeds of these sizes, the list cycled until the stream is consumed; each feed is
//                min(L, bytes left) and a 0 is an empty feed — exactly the fuzz split encoding's
//                feeding (fuzz/split_encoding.hpp), so a case can replay the feeds a fuzz input
//                used. A whole cycle that consumes nothing (all zeros) feeds the rest whole.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace harness::split {

/// One concrete way to cut a stream: a small value, trivially copied (`every` makes one per byte
/// of a stream), so a feeds: split's list of sizes lives out of line.
struct Split {
  enum class Kind { whole, bytes, random, at, feeds };
  Kind kind = Kind::whole;
  uint64_t n = 0; ///< bytes: slice size; random: seed; at: the split point
  /// feeds: the feed sizes, cycled (at least one), as feeds_split keeps them: one list per distinct
  /// content, so == compares the contents. nullptr for the other kinds.
  const std::vector<uint64_t> *feeds = nullptr;

  /// The spec text that names this split ("whole", "bytes:7", "drip", "random:3", "at:120",
  /// "feeds:3,0,17").
  std::string name() const;
  bool operator==(const Split &) const = default;
};

/// The feeds: split with these feed sizes. The list is kept for the rest of the process, once per
/// distinct content (thread-safe): splits come from specs and case files, a handful of lists.
Split feeds_split(std::vector<uint64_t> lengths);

/// A parsed spec: either one Split, or `every` (expanded per stream).
struct Spec {
  bool every = false;
  Split split;
  std::string text; ///< as written, for messages
};

Result<Spec> parse_spec(std::string_view text);

/// The concrete splits a spec means for a stream of `size` bytes (`every` gives size-1 of them;
/// none when size < 2).
std::vector<Split> expand(const Spec &spec, uint64_t size);

/// The default set `check` uses: whole, drip, bytes:2, bytes:3, bytes:7, bytes:64, bytes:4096,
/// random:1, random:2, random:3, every.
std::vector<Spec> default_specs();

/// `every` checks one split per byte; even near-linear (pipeline/split_points.hpp), that is a few
/// hundred parser bytes per stream byte. Streams above this size refuse it.
inline constexpr uint64_t kEveryMaxBytes = uint64_t{64} << 20;

/// Calls f(std::string_view slice) for each feed, in order; the slices cover `bytes` exactly once
/// and are never empty (an empty stream gives no call) — except the empty feeds a `feeds:` split's
/// zeros ask for.
template <class F> void for_each_feed(const Split &s, std::string_view bytes, F &&f);

// ---- implementation of the template ----
namespace detail {
/// splitmix64: small, deterministic, good enough to vary slice sizes.
inline uint64_t next_random(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
inline uint64_t random_slice_size(uint64_t &state) {
  uint64_t r = next_random(state);
  return (r & 7) == 0 ? 1 + (r >> 3) % 4096 : 1 + (r >> 3) % 16;
}
} // namespace detail

template <class F> void for_each_feed(const Split &s, std::string_view bytes, F &&f) {
  const uint64_t size = bytes.size();
  switch (s.kind) {
  case Split::Kind::whole:
    if (size)
      f(bytes);
    return;
  case Split::Kind::at:
    if (s.n > 0 && s.n < size) {
      f(bytes.substr(0, s.n));
      f(bytes.substr(s.n));
    } else if (size) {
      f(bytes);
    }
    return;
  case Split::Kind::bytes: {
    const uint64_t step = s.n ? s.n : 1;
    for (uint64_t pos = 0; pos < size; pos += step)
      f(bytes.substr(pos, step));
    return;
  }
  case Split::Kind::random: {
    uint64_t state = s.n;
    for (uint64_t pos = 0; pos < size;) {
      const uint64_t len = detail::random_slice_size(state);
      f(bytes.substr(pos, len));
      pos += len;
    }
    return;
  }
  case Split::Kind::feeds: {
    if (!s.feeds || s.feeds->empty()) {
      if (size)
        f(bytes);
      return;
    }
    uint64_t pos = 0;
    while (pos < size) {
      const uint64_t cycle_start = pos;
      for (const uint64_t len : *s.feeds) {
        const uint64_t n = len < size - pos ? len : size - pos;
        f(bytes.substr(pos, n));
        pos += n;
        if (pos == size)
          return;
      }
      if (pos == cycle_start) { // a cycle of zeros: the rest whole
        f(bytes.substr(pos));
        return;
      }
    }
    return;
  }
  }
}

} // namespace harness::split

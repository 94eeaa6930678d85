#pragma once
// Delta debugging of a fuzz input (split encoding, fuzz/split_encoding.hpp): the smallest input
// found that still reproduces a failure, by removing parts and asking a predicate. The predicate is
// injected, so the search is tested without running anything; import-crash asks a child process.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace harness::fuzz {

/// Whether a candidate input still reproduces the failure (import-crash: with the same
/// signature). Asked at most once per distinct candidate.
using Reproduces = std::function<bool(std::string_view input)>;

struct Minimized {
  std::string input;      ///< the smallest reproducing input found (the original when none was)
  size_t runs = 0;        ///< predicate calls made
  bool exhausted = false; ///< the run budget ran out before the search had tried everything
};

/// Minimizes `input`, which must reproduce (it is not asked again). Passes, in order:
///   1. the split header: the stream fed whole (the header dropped); else fewer feed lengths
///      (chunks of the list removed, halving down to single lengths), then whole feeds (a feed's
///      bytes and its length removed together, so the other feeds keep their boundaries; when
///      the feeds fit the header's 255 lengths);
///   2. the stream: whole events (blocks ending in a blank line), then lines, then chunks of bytes
///      of halving size down to single bytes, each removal kept when the rest still reproduces;
///   3. 1 and 2 again while a round made the input smaller.
/// Candidates are always smaller than the current input, and the stream is never reduced to
/// nothing (a regression case needs bytes). At most `max_runs` predicate calls. Deterministic: the
/// same input and answers give the same candidates and result.
Minimized minimize(std::string_view input, const Reproduces &reproduces, size_t max_runs);

} // namespace harness::fuzz

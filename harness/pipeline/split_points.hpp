#pragma once
// The `every` split: does feeding a stream as two slices, [0,K) and [K,n), make the parser call its
// sink exactly as feeding it whole does, for every split point K in 1..n-1? Asked of the parser's
// trace (trace.hpp): the decoder's result is a function of it.
//
// A full replay per point costs O(n) each, O(n^2) in all. The shortcut instead:
//
//   * Cut points c_0 = 0 < c_1 < ... < c_m = n: after every LF, after every CR not followed by LF
//     (the WHATWG line ends), and the stream's end. A reference parser R is fed the stream in the
//     slices [c_j, c_j+1), then finished; its calls are compared with the whole-stream trace as
//     they come.
//   * For a point K with c_j < K < c_j+1: a working parser W is set to R's state at c_j
//     (Parser::copy_state), fed [c_j, K) and [K, c_j+1), and its calls are compared with the trace
//     from R's call count at c_j on. When W made as many calls as R and W's state equals R's at
//     c_j+1 (Parser::same_state), W would from there on make R's calls: K passes. Otherwise W goes
//     on, slice by slice, beside a copy of R, until the states meet at a later cut point, a call
//     differs (K fails), or the stream ends (W is finished and its calls decide).
//   * A point K = c_j passes when R's calls equal the trace.
//
// Why this decides what a full replay decides. The real split replay feeds [0,K) and [K,n) to a
// fresh parser. Under the assumption
//     (A) cutting a feed at a cut point changes neither the calls a parser makes nor its state
//         after the feeds,
// the fresh parser fed [0,K) behaves as R fed up to c_j and then [c_j,K), and the feed [K,n) as
// [K,c_j+1) followed by R's slices: that is W's run. W compares every call with the trace, so a
// differing call is a real difference, at the same call number a full replay reports. Once W's
// state equals R's (equal logical state, equal call count) the same later feeds make the same
// calls (same_state's contract), and R's later calls are checked against the trace. So the
// verdict, the first failing point and its first differing call are the full replay's.
//
// (A) is what the parsers are built for: at a cut point the line scanner carries no partial line
// (after a CR that ends a line it waits for the next byte only to tell CRLF from a bare CR, which
// it does across feeds too; the LF-only scanners of `lines` and openai-go carry a line cut after
// a bare CR like any partial line), and each parser's end-of-feed step (settling data views,
// publishing a bare CR) changes no call. It is checked in part here: when R's calls differ from the trace
// (so cutting at line ends changes something), the shortcut is not trusted and every point is
// replayed fully. A parser without copy_state/same_state is replayed fully too.
//
// Cost: per split point, the bytes of its line (twice) plus the parser's logical state (copied
// and compared): near-linear for streams whose lines and pending events are short; a long line
// or an event kept open for megabytes (no blank lines) costs accordingly more. Memory: four
// parsers, whatever the stream's size; no state is stored per line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/implementation.hpp"
#include "pipeline/trace.hpp"

namespace harness::pipeline {

enum class SplitPointMethod {
  shortcut,    ///< as above; a full replay per point when the parser or the stream does not allow it
  full_replay, ///< one full replay per point: the definition, kept for tests and comparison
};

struct SplitPoints {
  uint64_t points = 0;     ///< split points checked: n-1 (none for a stream under 2 bytes)
  uint64_t failing = 0;    ///< those whose parser calls differ from the whole stream's
  uint64_t first = 0;      ///< the first failing point K (the split at:K), when failing > 0
  std::string difference;  ///< its first differing call (TraceComparer::difference())
  bool shortcut = false;   ///< decided by the shortcut (false: by full replays)
};

/// Every 2-way split point of `stream` through `impl`'s parser, against `whole`, the trace of the
/// stream fed whole to the same parser.
SplitPoints check_split_points(std::string_view stream, const Implementation &impl,
                               const ParserTrace &whole,
                               SplitPointMethod method = SplitPointMethod::shortcut);

/// Streams up to this size are also checked by full replays in split_point_violation().
inline constexpr uint64_t kCrossCheckMaxBytes = 512;

/// The split-invariance fuzz target's `every` property: every split point of `stream` through
/// `impl`'s parser passes check_split_points; and for a stream of at most kCrossCheckMaxBytes, the
/// shortcut's verdict is the full replays' (so fuzzing also tests copy_state and same_state). The
/// first violation in one line ("at:K: <first differing call>", or both verdicts); nothing when
/// all hold.
std::optional<std::string> split_point_violation(std::string_view stream,
                                                 const Implementation &impl);

} // namespace harness::pipeline

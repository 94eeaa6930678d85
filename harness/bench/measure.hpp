#pragma once
// Throughput measurements for `sse-harness bench`. Each figure is the best of several runs timed in
// thread CPU time, so a busy neighbour on this 2-core machine lowers it less.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sse/parser.hpp"

namespace harness::bench {

/// How often to measure: `runs` timed runs (the best counts), each going over the stream `repeat`
/// times (so a small capture is timed over enough bytes).
struct Runs {
  int runs = 3;
  uint64_t repeat = 1;
};

struct Figure {
  std::string name;
  double mb_per_s = 0; ///< decimal megabytes of stream bytes per second
  uint64_t count = 0;  ///< events (or lines, payloads) seen, to show the work was done
};

/// Counts '\n' with memchr: the floor any line-based parser is compared with.
Figure memchr_scan(std::string_view stream, const Runs &runs);

/// The parser alone, fed 64 KiB slices, into a sink that only counts.
Figure framing(std::string_view stream, const sse::ParserInfo &parser, const Runs &runs);

/// RapidJSON (project parse flags, SAX, a handler that does nothing) over every `data: ` payload
/// except [DONE]; each payload is copied into a NUL-terminated buffer first, as a decoder must.
Figure rapidjson_parse_only(std::string_view stream, const Runs &runs);

/// Framing + decoding of `dialect` + accumulation, 64 KiB slices: the parser's own implementation
/// (the parser with the harness's reference decoder).
Figure pipeline(std::string_view stream, std::string_view dialect, const sse::ParserInfo &parser,
                const Runs &runs);

/// Peak resident memory in KiB so far (getrusage).
uint64_t peak_rss_kib();

} // namespace harness::bench

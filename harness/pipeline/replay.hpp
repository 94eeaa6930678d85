#pragma once
// One replay: a stream's bytes, cut by a split, through a fresh parser of an implementation into a
// fresh decoder of the same implementation for the stream's dialect.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/stream_result.hpp"
#include "pipeline/implementation.hpp"
#include "split/split.hpp"
#include "sse/parser.hpp"

namespace harness::pipeline {

/// Feeds `stream` under `split` through `impl` for `dialect` and returns the result. `impl` must
/// handle `dialect` (see handles()); otherwise throws std::invalid_argument.
StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split);

/// Everything an implementation's parser emitted in one replay: its events and findings, in order.
/// The decoder's result is a pure function of that sequence, so two splits with equal traces give
/// equal results: `check` uses this to run `every` (one replay per byte) at framing speed, comparing
/// each replay's output with the recorded one as it comes, and replays fully only on a difference.
class ParserTrace {
public:
  /// Records what the parser of `impl` emits for `stream` under `split`.
  ParserTrace(std::string_view stream, const Implementation &impl, const split::Split &split);

  /// Whether the parser emits exactly the recorded trace for `stream` under `split`.
  bool matches(std::string_view stream, const Implementation &impl,
               const split::Split &split) const;

  struct Record {
    bool is_finding = false;
    sse::Event event;       ///< views into `text` (events only)
    Finding finding;        ///< findings only
  };

private:
  std::string text_; ///< the recorded events' type, data and id, back to back
  std::vector<Record> records_;
};

} // namespace harness::pipeline

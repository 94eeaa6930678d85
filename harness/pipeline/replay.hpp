#pragma once
// One replay: a stream's bytes, cut by a split, through a fresh parser of an implementation into a
// fresh decoder of the same implementation for the stream's dialect.
#include <cstdint>
#include <string_view>

#include "core/stream_result.hpp"
#include "pipeline/implementation.hpp"
#include "split/split.hpp"

namespace harness::pipeline {

/// Feeds `stream` under `split` through `impl` for `dialect` and returns the result. `impl` must
/// handle `dialect` (see handles()); otherwise throws std::invalid_argument.
StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split);

/// A 64-bit digest of everything the implementation's parser emitted (each event's fields and each
/// finding), in order. The decoder's result is a pure function of that sequence, so two splits
/// with equal digests give equal results: `check` uses this to run `every` (one replay per byte)
/// at framing speed and only replays fully when a digest differs.
uint64_t event_digest(std::string_view stream, const Implementation &impl,
                      const split::Split &split);

} // namespace harness::pipeline

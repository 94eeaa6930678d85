#pragma once
// One replay: a stream's bytes, cut by a split, through a fresh parser into a fresh dialect decoder.
#include <cstdint>
#include <string_view>

#include "core/stream_result.hpp"
#include "split/split.hpp"
#include "sse/parser.hpp"

namespace harness::pipeline {

/// Feeds `stream` through `parser` under `split` into the chat decoder and returns its result.
StreamResult replay(std::string_view stream, const sse::ParserInfo &parser,
                    const split::Split &split);

/// A 64-bit digest of everything the parser emitted (each event's fields and each finding), in order.
/// The decoder's result is a pure function of that sequence, so two splits with equal digests give
/// equal results: `check` uses this to run `every` (one replay per byte) at framing speed and only
/// replays fully when a digest differs.
uint64_t event_digest(std::string_view stream, const sse::ParserInfo &parser,
                      const split::Split &split);

} // namespace harness::pipeline

#pragma once
// One replay: a stream's bytes, cut by a split, through a fresh parser of an implementation into a
// fresh decoder of the same implementation for the stream's dialect.
#include <string>
#include <string_view>

#include "core/stream_result.hpp"
#include "pipeline/implementation.hpp"
#include "split/split.hpp"

namespace harness::pipeline {

/// Feeds `stream` under `split` through `impl` for `dialect` and returns the result. `impl` must
/// handle `dialect` (see handles()); otherwise throws std::invalid_argument.
StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split);

} // namespace harness::pipeline

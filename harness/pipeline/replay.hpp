#pragma once
// One replay: a stream's bytes, cut by a split, through a fresh parser of an implementation into a
// fresh decoder of the same implementation for the stream's dialect (pipeline::make_decoder).
#include <string>
#include <string_view>

#include "core/stream_result.hpp"
#include "pipeline/event_log.hpp"
#include "pipeline/implementation.hpp"
#include "split/split.hpp"

namespace harness::pipeline {

/// Feeds `stream` under `split` through `impl` for `dialect` and returns the result. `impl` must
/// handle `dialect` (see handles()); otherwise throws std::invalid_argument.
StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split);

/// A fresh parser of `impl` fed `stream` under `split` into `sink`, then finished (no decoder).
void run_parser(std::string_view stream, const Implementation &impl, const split::Split &split,
                sse::EventSink &sink);

struct LoggedReplay {
  StreamResult result; ///< exactly what replay() returns for the same arguments
  EventLog events;     ///< the events the parser dispatched
};

/// replay() with an EventRecorder between the parser and the decoder: the one place that pays for
/// an event log. Same precondition.
LoggedReplay replay_logged(std::string_view stream, const Implementation &impl,
                           std::string_view dialect, const split::Split &split);

} // namespace harness::pipeline

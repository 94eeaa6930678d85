#pragma once
// Running code that may crash on the data it is given (the code a fuzz crash is in) without
// risking the caller: in a forked child, whose answer comes back through a pipe.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace harness::fuzz {

/// Runs `f` in a forked copy of this process and returns its result, or nullopt when the child did
/// not answer and exit 0 (it crashed, was killed at `timeout`, or failed to start). Nothing `f`
/// changes reaches this process. The child leaves without running destructors or flushing streams
/// (_exit). Meant for a single-threaded caller (the CLI).
std::optional<std::string> run_isolated(const std::function<std::string()> &f,
                                        std::chrono::milliseconds timeout);

} // namespace harness::fuzz

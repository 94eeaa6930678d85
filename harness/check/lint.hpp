#pragma once
// Judging a capture as a producer: what did the stream's author get wrong? `lint` replays the stream
// once, whole, through the `tolerant` parser (which reports every repair it makes) and the
// reference decoder of the stream's dialect, and adds the checks that need the whole stream at once
// (bytes after `data: [DONE]`). Severities are the catalog's (rules/catalog.hpp).
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "core/stream_result.hpp"

namespace harness::check {

struct LintReport {
  StreamResult result;           ///< what the reference replay reassembled (findings moved out)
  std::vector<Finding> findings; ///< every finding, ordered by byte offset (stable)
  uint64_t errors = 0, warnings = 0, infos = 0;
};

/// `dialect` must be a dialect name (dialect/dialect.hpp).
LintReport lint(std::string_view stream, std::string_view dialect);

} // namespace harness::check

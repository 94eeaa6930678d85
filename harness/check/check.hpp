#pragma once
// Checking one stream with one parser: the result of a whole-stream replay must match the case's
// expectation, and every other split must give exactly the same result (a result that depends on
// the split is a failure naming the split).
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "json/rapidjson.hpp"
#include "split/split.hpp"
#include "pipeline/implementation.hpp"

namespace harness::check {

/// One split spec's verdict: whether its replays gave the whole-stream result.
struct SplitCheck {
  std::string spec;                  ///< as written ("bytes:7", "every")
  std::vector<std::string> problems; ///< empty: same result as the whole stream
  bool skipped = false;              ///< not run (see notes)
};

struct StreamCheck {
  std::string impl;
  bool passed = false;                 ///< no mismatches and no problems
  std::vector<std::string> mismatches; ///< whole-stream result vs the expectation, one line each
  std::vector<std::string> problems;   ///< splits that change the result (or a missing expectation)
  StreamResult result;                 ///< the whole-stream result
  std::vector<SplitCheck> splits;    ///< one per spec, in order; `problems` is theirs concatenated
  std::vector<std::string> notes;    ///< not failures (e.g. `every` skipped on a huge stream)
  uint64_t replays = 0;              ///< full replays run
  uint64_t split_points = 0;         ///< `every` split points whose parser calls equal the whole's
};

/// `expectation` is the merged partial result document for this implementation, or nullptr when the
/// case has none (which is a failure: every implementation needs an expectation). `impl` must
/// handle `dialect`.
StreamCheck check_stream(std::string_view stream, const pipeline::Implementation &impl,
                         std::string_view dialect, const rapidjson::Value *expectation,
                         const std::vector<split::Spec> &specs);

} // namespace harness::check

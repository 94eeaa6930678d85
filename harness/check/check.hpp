#pragma once
// Checking one stream with one parser: the result of a whole-stream replay must match the case's
// expectation, and every other split must give exactly the same result (a result that depends on
// the split is a failure naming the split). When the case expects an event log (or is an
// SSE-level case), the whole stream's events must match it event by event and every split must
// dispatch exactly the whole stream's events.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "corpus/event_logs.hpp"
#include "json/rapidjson.hpp"
#include "pipeline/event_log.hpp"
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
  /// The whole stream's events, when they were recorded (StreamExpectation::record_events).
  std::optional<pipeline::EventLog> events;
};

/// What one implementation is checked against.
struct StreamExpectation {
  /// The merged partial result document, or nullptr when the case has none (a failure unless
  /// `result_optional`: every implementation needs an expectation).
  const rapidjson::Value *result = nullptr;
  bool result_optional = false; ///< SSE-level cases are judged on their event log alone
  /// The expected event log, or nullptr when none applies; its mismatch is one line among
  /// `mismatches`.
  const corpus::ExpectedLog *events = nullptr;
  /// Record the events (the whole stream's into StreamCheck::events, each split's compared with
  /// it). Implied by `events`.
  bool record_events = false;
  /// Without an expected log: the problem to report when record_events (e.g. "no event log for
  /// 'lines'"); empty = none.
  std::string missing_events;
};

/// `expectation` is the merged partial result document for this implementation, or nullptr when the
/// case has none (which is a failure: every implementation needs an expectation). `impl` must
/// handle `dialect`.
StreamCheck check_stream(std::string_view stream, const pipeline::Implementation &impl,
                         std::string_view dialect, const rapidjson::Value *expectation,
                         const std::vector<split::Spec> &specs);

/// The same with event logs (see StreamExpectation).
StreamCheck check_stream(std::string_view stream, const pipeline::Implementation &impl,
                         std::string_view dialect, const StreamExpectation &expected,
                         const std::vector<split::Spec> &specs);

} // namespace harness::check

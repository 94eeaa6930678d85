#pragma once
// An event log: the events an implementation's parser dispatched for one stream, in dispatch
// order. It is what `replay --events` prints, what a case's events.jsonl expects
// (corpus/event_logs.hpp) and what SSE-level clients report; the JSON form of one entry is
// schemas/event-log.schema.json (report/event_log_json.hpp). For an SDK profile the events are
// those of its SDK's own SSE layer as the profile models it (profiles/sdk_lines.hpp), with an
// absent event type (the SDK's None/null) logged as "message".
//
// Recording is opt-in and costs nothing when not asked for: replay() (replay.hpp) feeds the
// decoder directly; replay_logged() puts an EventRecorder between the parser and the decoder.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sse/parser.hpp"

namespace harness::pipeline {

struct LoggedEvent {
  uint64_t index = 0;  ///< 0-based dispatch number
  uint64_t offset = 0; ///< stream offset of the first byte of the event's block
  /// type ("message" when the block had none), data, and the last event id in force ("" when
  /// none), as valid UTF-8: the few implementations that pass raw bytes on (lines, openai-go) have
  /// each ill-formed subpart logged as U+FFFD, as a reader decoding their output would see it.
  std::string type, data, id;
  std::string retry; ///< decimal integer a `retry:` field of this block set; "" when none
  bool operator==(const LoggedEvent &) const = default;
};

using EventLog = std::vector<LoggedEvent>;

/// The logged form of one dispatched event.
LoggedEvent logged(const sse::Event &event);

/// A sink that appends every event to `log` and passes every call on to `next`.
class EventRecorder final : public sse::EventSink {
public:
  EventRecorder(sse::EventSink &next, EventLog &log) : next_(next), log_(log) {}
  void on_event(const sse::Event &event) override;
  void on_finding(Finding finding) override { next_.on_finding(std::move(finding)); }

private:
  sse::EventSink &next_;
  EventLog &log_;
};

} // namespace harness::pipeline

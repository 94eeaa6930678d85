#pragma once
// A parser trace: every call an implementation's parser made to its sink in one replay (events and
// findings, in order). The decoder's result is a pure function of that sequence, so two splits
// with equal traces give equal results: `check` decides `every` (split_points.hpp) at framing
// speed by comparing parser calls with the whole stream's trace as they come, and decodes only
// the first split point where they differ; the fuzz targets record two traces of one input
// (whole and split) and compare them, and compare a reference parser's events with a trace.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "pipeline/implementation.hpp"
#include "split/split.hpp"
#include "sse/parser.hpp"

namespace harness::pipeline {

class ParserTrace {
public:
  /// Empty; TraceRecorder fills it.
  ParserTrace() = default;
  /// Records what the parser of `impl` emits for `stream` under `split`.
  ParserTrace(std::string_view stream, const Implementation &impl, const split::Split &split);
  // The records' events view text_, which a copy or move would not carry along.
  ParserTrace(const ParserTrace &) = delete;
  ParserTrace &operator=(const ParserTrace &) = delete;

  /// Whether the parser emits exactly the recorded trace for `stream` under `split`.
  bool matches(std::string_view stream, const Implementation &impl,
               const split::Split &split) const;

  /// The first call where the parser's output for `stream` under `split` differs from the recorded
  /// one (TraceComparer::difference()); nothing when it matches.
  std::optional<std::string> difference(std::string_view stream, const Implementation &impl,
                                        const split::Split &split) const;

  /// The first call where `other` differs from this trace, as difference() says it; nothing
  /// when the two are equal.
  std::optional<std::string> difference(const ParserTrace &other) const;

  /// Makes the recorded calls again, in order, to `sink`.
  void replay(sse::EventSink &sink) const;

  struct Record {
    bool is_finding = false;
    sse::Event event;       ///< views into `text` (events only)
    Finding finding;        ///< findings only
  };
  const std::vector<Record> &records() const { return records_; }

private:
  friend class TraceRecorder;
  std::string text_; ///< the recorded events' type, data, id and retry, back to back
  std::vector<Record> records_;
};

/// A sink that records every call a parser makes into `trace` (emptied first) and passes each on
/// to `next` when there is one (a decoder). The recorded events' views are valid after finish().
class TraceRecorder final : public sse::EventSink {
public:
  explicit TraceRecorder(ParserTrace &trace, sse::EventSink *next = nullptr);
  void on_event(const sse::Event &e) override;
  void on_finding(Finding f) override;
  /// The parser finished: points the recorded events' views into the trace's text.
  void finish();

private:
  struct Span {
    size_t at = 0, type = 0, data = 0, id = 0, retry = 0;
  };
  ParserTrace &trace_;
  sse::EventSink *next_;
  std::vector<Span> spans_; ///< where each record's views go in the text (which moves as it grows)
};

/// Whether two events are the same call: every field, the views compared byte for byte.
bool same_event(const sse::Event &a, const sse::Event &b);

/// A sink that compares the calls a parser makes with a trace's records, from record `from` on, as
/// they come, and keeps the first difference. It copies nothing unless the calls differ.
class TraceComparer final : public sse::EventSink {
public:
  explicit TraceComparer(const ParserTrace &trace, size_t from = 0) : records_(trace.records()) {
    restart(from);
  }
  /// Forgets what was compared: the next call is compared with record `from`.
  void restart(size_t from);

  void on_event(const sse::Event &event) override;
  void on_finding(Finding finding) override;

  /// No call differed so far.
  bool same() const { return !diverged_; }
  /// The record the next call is compared with (the calls so far, plus `from`).
  size_t next() const { return next_; }
  /// The parser finished: it made exactly the records from `from` on.
  bool all_matched() const { return same() && next_ == records_.size(); }
  /// The first difference, for a message: "call 12: the whole stream makes <call>, the split
  /// <call>", where a call is "no call" past either end. Empty when all_matched().
  std::string difference() const;

private:
  const std::vector<ParserTrace::Record> &records_;
  size_t next_ = 0;
  bool diverged_ = false;
  std::string got_; ///< the first differing call, described
};

/// One call, for a message: `event 3 "message" at 120 (data at 126, id "7"): data "..."` or
/// `finding sse.comment (info) at 12, event 0: "..."`; stream bytes escaped and cut short.
std::string describe(const sse::Event &event);
std::string describe(const Finding &finding);

} // namespace harness::pipeline

#pragma once
// The SSE parser interface. A parser is fed byte slices of any size (including empty ones) and calls
// its sink for every event as soon as the event is complete, so results never depend on how the
// bytes were split: feeding a stream whole, byte by byte or at any split point must produce the same
// calls with the same arguments.
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/finding.hpp"

namespace harness::sse {

struct Event {
  std::string_view type;  ///< event type; "message" when the block had no (or an empty) `event:`
  std::string_view data;  ///< data lines joined by LF; may contain NUL
  std::string_view id;    ///< last event id in force when the event was dispatched
  uint64_t index = 0;     ///< 0-based dispatch number
  uint64_t offset = 0;    ///< stream offset of the first byte of the event's block
  uint64_t data_offset = 0; ///< stream offset of the first byte of the first data value
  /// The reconnection time a `retry:` field of this event's own block set, as a canonical decimal
  /// integer ("3000"; an SDK profile may give a negative one); empty when no retry field of the
  /// block was accepted. Only the event log (pipeline/event_log.hpp) reads it.
  std::string_view retry;
};

/// Receives what a parser produces. The views in an Event are valid only during on_event.
class EventSink {
public:
  virtual ~EventSink() = default;
  virtual void on_event(const Event &event) = 0;
  virtual void on_finding(Finding finding) = 0;
};

class Parser {
public:
  virtual ~Parser() = default;
  /// Consume the next bytes of the stream. `bytes` need only live for the call.
  virtual void feed(std::string_view bytes) = 0;
  /// The stream ended. Dispatches or discards what is pending, per the parser's rules.
  virtual void finish() = 0;

  // State copies, so that `check --split every` can replay a split point from the parser's state
  // at the start of the split line instead of from the stream's start, and stop once the split
  // parser's state equals the unsplit one's (pipeline/split_points.hpp says why that decides
  // the same as a full replay). Both are optional: the defaults mean "not supported", and such a
  // parser is replayed fully at each split point. Call them only between feeds (copy_state also
  // after finish(): the parser then goes on from the copied state).
  // A copy is made into an existing parser (not a clone) so that one working parser, reset once
  // per split point, keeps its buffers.

  /// Makes this parser's logical state an exact copy of `other`'s; `other` must come from the
  /// same factory (same concrete type and configuration). The sink stays this parser's own.
  /// Returns false, changing nothing, when not supported or `other` is another kind of parser.
  virtual bool copy_state(const Parser &other) {
    (void)other;
    return false;
  }
  /// Whether this parser and `other` are in the same logical state: everything a later call can
  /// depend on (the stream offset, the carried partial line, the line scanner's CR state, the
  /// pending event's fields and offsets, the last event id, the dispatch count, the
  /// once-per-stream notes) is equal, compared exactly, byte for byte; representation (buffer
  /// capacities, views into a past feed, scratch space) is not. Equal states fed the same feeds
  /// make the same calls and stay equal. false when not supported or of another kind.
  virtual bool same_state(const Parser &other) const {
    (void)other;
    return false;
  }
};

using ParserFactory = std::unique_ptr<Parser> (*)(EventSink &sink);

struct ParserInfo {
  std::string_view name;        ///< stable, used in case expectations and on the command line
  std::string_view description; ///< one line for `sse-harness list`
  std::string_view models;      ///< the spec (section) or behaviour it follows
  ParserFactory make;
};

/// Every parser, in one explicit ordered table (sse/registry.cpp). Self-registration is not used:
/// the linker drops unreferenced objects from a static library.
std::span<const ParserInfo> parsers();

/// nullptr when no parser has that name.
const ParserInfo *find_parser(std::string_view name);

} // namespace harness::sse

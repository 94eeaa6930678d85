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

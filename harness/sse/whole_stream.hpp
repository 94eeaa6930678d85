#pragma once
// A whole stream's events as the tolerant parser reads them: the most forgiving parser, so that
// even a malformed capture gives up its event blocks. Where a caller needs the events of a stream
// it already holds rather than a parser under test (event start offsets for serve's wire plans,
// for variants and for report markers; the events fuzz seeds and dictionaries are built from).
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "sse/parser.hpp"

namespace harness::sse {

/// Feeds `stream` whole to the tolerant parser and calls `each` for every event, in order (the
/// Event's views live only during the call). Never fails: any bytes give some events.
void each_tolerant_event(std::string_view stream, const std::function<void(const Event &)> &each);

/// The offset of the first byte of each event's block in `stream` (Event::offset), in order.
std::vector<uint64_t> event_offsets(std::string_view stream);

/// How much of `kept`, a stream cut short, holds events a client can have received whole. When
/// the tolerant rules dispatch an event only at the end of the bytes (the cut went through it),
/// up to the start of the event the cut went through among `starts` (the whole stream's
/// event_offsets): a cut exactly at an event's start leaves the event before it whole even where
/// no blank line ended it. Otherwise all of it: the cut fell between events, possibly among the
/// comments and blank lines there.
uint64_t finished_events_end(std::string_view kept, std::span<const uint64_t> starts);

} // namespace harness::sse

#pragma once
// A stream's events as the tolerant parser reads them (the most forgiving parser, so that even
// malformed captures give up their payloads): what seed export needs to derive metamorphic variants
// (block offsets) and what the dictionary collects (event types, payloads).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace harness::fuzz {

struct StreamEvents {
  std::vector<uint64_t> offsets;  ///< each event's block offset in the stream, in order
  std::vector<std::string> types; ///< each event's type; "message" when the block named none
  std::vector<std::string> data;  ///< each event's data lines joined by LF
};

/// Parses `stream` whole with the tolerant parser. Never fails: any bytes give some events.
StreamEvents parse_events(std::string_view stream);

} // namespace harness::fuzz

#pragma once
// Appending a chat-decoder finding to a result.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/stream_result.hpp"
#include "rules/catalog.hpp"

namespace harness::chat {

void add_finding(StreamResult &result, const rules::Rule &rule, uint64_t offset, uint64_t event,
                 std::string message);

/// The stream offset of byte `in_payload` of an event's data that starts at stream offset
/// `data_offset`, for findings about a byte inside the payload (json.invalid). Exact for one data
/// line that needed no repair. A parser's U+FFFD repair turns 1 to 3 ill-formed stream bytes into
/// the 3 bytes of U+FFFD, so 2 are taken off per U+FFFD before that byte: the offset never lies
/// past the byte in the stream, so never past the stream's end (fuzzing found json.invalid beyond
/// the end of a repaired, unterminated last event). It falls short after a U+FFFD the stream sent
/// as such, as it does after joined data lines (their "data:" prefixes are not counted).
uint64_t payload_stream_offset(uint64_t data_offset, std::string_view data, uint64_t in_payload);

/// `value` in double quotes for a finding message, cut to a readable length on a UTF-8 boundary.
std::string quoted(std::string_view value);

} // namespace harness::chat

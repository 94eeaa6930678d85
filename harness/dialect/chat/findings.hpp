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

/// `value` in double quotes for a finding message, cut to a readable length on a UTF-8 boundary.
std::string quoted(std::string_view value);

} // namespace harness::chat

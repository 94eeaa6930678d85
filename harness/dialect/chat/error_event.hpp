#pragma once
// The message of an `event: error` block (Groq, Anthropic style).
#include <string>
#include <string_view>

namespace harness::chat {

/// When `data` is a JSON object: its error.message (or "error" itself when that is a string), else
/// its "message" when that is a string. Otherwise — not JSON, not an object, no such member — the
/// raw data, so the user still sees what the producer said.
std::string error_event_message(std::string_view data);

} // namespace harness::chat

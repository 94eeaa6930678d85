#pragma once
// JSON Lines captures: one JSON chunk per line (what SDK fixtures and chunk dumps store instead of
// SSE text), turned back into an SSE stream.
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace harness::source {

/// True when `bytes` has at least one non-blank line and every non-blank line is a JSON object
/// (blank: empty or only spaces, tabs and CR). Never fails.
bool looks_like_jsonl(std::string_view bytes);

/// The SSE stream for a JSON Lines capture: each non-blank line written as `data: <line>\n\n`,
/// the line exactly as in the file (LF ends a line; anything before it, a CR included, is kept).
/// Blank lines are skipped; no `[DONE]` is added. Errors name `file`, the line number (1-based)
/// and the byte offset in the file of the first byte that is wrong: a line that is not valid JSON
/// (RapidJSON's reason), a line that is JSON but not an object, and no line at all ("empty
/// stream").
Result<std::string> jsonl_to_sse(std::string_view bytes, const std::string &file);

} // namespace harness::source

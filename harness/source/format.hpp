#pragma once
// What kind of file a capture is, and how to tell from its bytes.
#include <optional>
#include <string_view>

namespace harness::source {

enum class Format {
  raw,      ///< the file is the stream, byte for byte
  markdown, ///< a transcript; the stream is the first fenced block holding `data:` lines
};

/// "raw" or "markdown": the spelling used in case.json (`stream.capture`) and on the command line.
std::string_view to_string(Format format);

/// The inverse of to_string; nullopt for any other spelling.
std::optional<Format> parse_format(std::string_view name);

/// Raw when the first non-blank line starts like SSE (`data:`, `event:`, `id:`, `retry:` or `:`,
/// optionally after a UTF-8 BOM). Otherwise markdown when the file has a fenced block whose content
/// has a line starting with `data:` (see markdown.hpp), raw when it has none. Blank lines are empty
/// or hold only spaces, tabs and CR. Never fails: undecidable input is raw, and the parsers judge
/// it.
Format detect_format(std::string_view bytes);

} // namespace harness::source

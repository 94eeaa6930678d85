#pragma once
// Cutting the stream out of a markdown transcript (e.g. a curl request in one fenced block, the
// response in another) without changing a byte of it.
#include <cstddef>
#include <optional>
#include <string_view>

namespace harness::source {

/// Where the stream lies in a transcript: bytes [begin, end).
struct StreamRange {
  size_t begin = 0;
  size_t end = 0;
  bool closed = true; ///< false when the block had no closing fence and runs to end of file
};

/// The content of the FIRST fenced block that holds a line starting with `data:`.
///
/// Lines end at LF (a CR before it stays part of the line; CR-only transcripts are not supported).
/// A fence is any line starting with three backticks, so an opening fence may carry an info string
/// (```bash) and a closing fence is the next line starting with three backticks. The content runs
/// from the byte after the opening fence line's LF up to, not including, the first byte of the
/// closing fence line; an unclosed block runs to end of file (`closed` = false). Fences are not
/// nested and ~~~ fences and indented fences are not recognised.
/// nullopt when no fenced block holds a `data:` line.
std::optional<StreamRange> find_markdown_stream(std::string_view bytes);

} // namespace harness::source

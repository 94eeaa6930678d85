#pragma once
// A capture: the bytes of one file and the part of them that is the stream to replay.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "source/format.hpp"

namespace harness::source {

struct Capture {
  std::string file;  ///< path as the caller named it
  std::string bytes; ///< the whole file, byte for byte
  Format format = Format::raw;
  size_t stream_begin = 0; ///< the stream is bytes[stream_begin, stream_end)
  size_t stream_end = 0;
  bool fence_closed = true; ///< markdown only: false when the stream's block runs to end of file

  /// The bytes the replay feeds: the whole file for raw, the fenced block's content for markdown.
  /// Offsets in findings are relative to this view; add stream_begin for an offset in the file.
  /// The view points into `bytes`: it is invalidated when the Capture is moved or destroyed.
  std::string_view stream() const;
};

/// Reads `path` whole (see read_file) and locates the stream. `forced` overrides detect_format.
/// Errors name the file: those of read_file, "empty file: nothing to replay", and for markdown
/// "no fenced code block holds `data:` lines".
Result<Capture> load_capture(const std::string &path, std::optional<Format> forced);

/// The same for bytes already in memory (stdin, tests); `file` only names them in errors.
Result<Capture> make_capture(std::string file, std::string bytes, std::optional<Format> forced);

} // namespace harness::source

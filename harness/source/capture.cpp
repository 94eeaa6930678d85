#include "source/capture.hpp"

#include <utility>

#include "source/markdown.hpp"
#include "source/read_file.hpp"

namespace harness::source {

std::string_view Capture::stream() const {
  return std::string_view(bytes).substr(stream_begin, stream_end - stream_begin);
}

Result<Capture> make_capture(std::string file, std::string bytes, std::optional<Format> forced) {
  if (bytes.empty())
    return Error{std::move(file), std::nullopt, "empty file: nothing to replay"};

  Capture capture;
  capture.format = forced ? *forced : detect_format(bytes);
  if (capture.format == Format::markdown) {
    std::optional<StreamRange> range = find_markdown_stream(bytes);
    if (!range)
      return Error{std::move(file), std::nullopt,
                   "markdown capture, but no fenced code block holds `data:` lines"};
    capture.stream_begin = range->begin;
    capture.stream_end = range->end;
    capture.fence_closed = range->closed;
  } else {
    capture.stream_end = bytes.size();
  }
  capture.file = std::move(file);
  capture.bytes = std::move(bytes);
  return capture;
}

Result<Capture> load_capture(const std::string &path, std::optional<Format> forced) {
  Result<std::string> bytes = read_file(path);
  if (!bytes)
    return bytes.error();
  return make_capture(path, std::move(bytes.value()), forced);
}

} // namespace harness::source

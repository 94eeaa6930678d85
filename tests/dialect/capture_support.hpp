#pragma once
// Where the capture tests get their bytes: the corpus's captures (cut to whole events) and the
// trimmed excerpts kept next to the tests (captures/README.md). Paths come from the build.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dialect_test {

/// The capture of corpus case `streams/<provider>/<name>`, whole, byte for byte (REQUIREs that it
/// reads).
std::string corpus_capture(std::string_view provider, std::string_view name);

/// tests/dialect/captures/<path>, whole, byte for byte (REQUIREs that it reads).
std::string test_capture(std::string_view path);

/// Events first..last of an SSE text, counted from 0, both included.
struct EventRange {
  size_t first = 0;
  size_t last = 0;
};

/// The events of `sse` in `ranges`, in the order given, byte for byte. An event is everything up
/// to and including the "\n\n" that ends it (as every event of the corpus's Anthropic captures
/// ends; text after the last one counts as one more event). REQUIREs every range to be in order
/// and to lie within the events there are.
std::string events_of(std::string_view sse, const std::vector<EventRange> &ranges);

/// The lines of `text`, each with its '\n' (the last one may have none).
std::vector<std::string_view> lines_of(std::string_view text);

} // namespace dialect_test

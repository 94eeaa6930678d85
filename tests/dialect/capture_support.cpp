#include "dialect/capture_support.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "source/read_file.hpp"

namespace dialect_test {

namespace {

std::string read_whole(const std::filesystem::path &path) {
  auto bytes = harness::source::read_file(path.string());
  INFO(path.string());
  REQUIRE(bytes.ok());
  return std::move(*bytes);
}

// `text` cut after each `end`: the pieces keep it (the last one may have none).
std::vector<std::string_view> pieces_ending_with(std::string_view text, std::string_view end) {
  std::vector<std::string_view> pieces;
  for (size_t at = 0; at < text.size();) {
    const size_t found = text.find(end, at);
    const size_t next = found == std::string_view::npos ? text.size() : found + end.size();
    pieces.push_back(text.substr(at, next - at));
    at = next;
  }
  return pieces;
}

} // namespace

std::string corpus_capture(std::string_view provider, std::string_view name) {
  const std::string file = std::string(name) + ".sse";
  return read_whole(std::filesystem::path(SSEH_CORPUS_DIR) / "streams" / provider / name / file);
}

std::string test_capture(std::string_view path) {
  return read_whole(std::filesystem::path(SSEH_SOURCE_ROOT) / "tests" / "dialect" / "captures" /
                    path);
}

std::string events_of(std::string_view sse, const std::vector<EventRange> &ranges) {
  const std::vector<std::string_view> events = pieces_ending_with(sse, "\n\n");
  std::string out;
  for (const EventRange &range : ranges) {
    REQUIRE(range.first <= range.last);
    REQUIRE(range.last < events.size());
    for (size_t i = range.first; i <= range.last; ++i)
      out += events[i];
  }
  return out;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  return pieces_ending_with(text, "\n");
}

} // namespace dialect_test

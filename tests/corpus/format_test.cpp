// source.*: telling a raw capture from a markdown transcript.
#include <doctest/doctest.h>

#include <string>

#include "corpus_test_support.hpp"
#include "source/format.hpp"
#include "source/markdown.hpp"

using harness::source::detect_format;
using harness::source::find_markdown_stream;
using harness::source::Format;
using harness::source::parse_format;
using harness::source::to_string;
using namespace corpus_test;

TEST_CASE("source.detect-format-on-seeds") {
  CHECK(detect_format(slurp(kSeed000File)) == Format::raw);
  CHECK(detect_format(slurp(kSeed004File)) == Format::markdown);
}

TEST_CASE("source.detect-format-sse-first-lines") {
  CHECK(detect_format("data: x\n\n") == Format::raw);
  CHECK(detect_format("event: ping\n\n") == Format::raw);
  CHECK(detect_format("id: 7\n") == Format::raw);
  CHECK(detect_format("retry: 100\n") == Format::raw);
  CHECK(detect_format(": comment\n") == Format::raw);
  CHECK(detect_format("\xEF\xBB\xBF"
                      "data: bom\n") == Format::raw);
  CHECK(detect_format("\n \t\r\n\ndata: after blanks\n") == Format::raw);
  // SSE first, even though a fenced block with data: lines follows.
  CHECK(detect_format("data: x\n```\ndata: y\n```\n") == Format::raw);
}

TEST_CASE("source.detect-format-markdown") {
  CHECK(detect_format("# Capture\n```\ndata: x\n```\n") == Format::markdown);
  CHECK(detect_format("text\n```sse\ndata: x\n") == Format::markdown); // unclosed
}

TEST_CASE("source.detect-format-falls-back-to-raw") {
  CHECK(detect_format("") == Format::raw);
  CHECK(detect_format("hello\n") == Format::raw);
  CHECK(detect_format("text\n```\nno stream here\n```\n") == Format::raw);
  CHECK(detect_format("text\ndata: outside\n") == Format::raw);
  CHECK(detect_format(" data: indented\n") == Format::raw);
  CHECK(detect_format(std::string("\0data: x", 8)) == Format::raw);
}

TEST_CASE("source.markdown-range-excludes-fences") {
  const std::string md = "```\ndata: a\n```\n";
  auto range = find_markdown_stream(md);
  REQUIRE(range);
  CHECK(range->begin == 4);
  CHECK(range->end == 12);
  CHECK(range->closed);
  CHECK_FALSE(find_markdown_stream("no fences\n"));
  CHECK_FALSE(find_markdown_stream("```\nx\n```\n"));
}

TEST_CASE("source.format-names") {
  CHECK(to_string(Format::raw) == "raw");
  CHECK(to_string(Format::markdown) == "markdown");
  CHECK(parse_format("raw") == Format::raw);
  CHECK(parse_format("markdown") == Format::markdown);
  CHECK_FALSE(parse_format("Markdown"));
  CHECK_FALSE(parse_format(""));
}

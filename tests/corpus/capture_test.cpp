// source.*: reading a capture whole and locating its stream.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "corpus_test_support.hpp"
#include "source/capture.hpp"

using harness::source::Capture;
using harness::source::Format;
using harness::source::load_capture;
using harness::source::make_capture;
using namespace corpus_test;

namespace {

std::string error_text(const harness::Result<Capture> &r) {
  REQUIRE_FALSE(r.ok());
  return r.error().str();
}

} // namespace

TEST_CASE("source.missing-file-is-named") {
  TempDir tmp;
  std::string path = (tmp / "nope.txt").string();
  auto r = load_capture(path, std::nullopt);
  std::string text = error_text(r);
  CHECK(r.error().file == path);
  CHECK(text == path + ": no such file");
}

TEST_CASE("source.directory-is-rejected") {
  TempDir tmp;
  auto r = load_capture(tmp.path().string(), std::nullopt);
  std::string text = error_text(r);
  CHECK(text.starts_with(tmp.path().string() + ": "));
  CHECK(text.find("is a directory") != std::string::npos);
}

TEST_CASE("source.empty-file-is-rejected") {
  TempDir tmp;
  std::string path = (tmp / "empty.sse").string();
  write_file(path, "");
  auto r = load_capture(path, std::nullopt);
  CHECK(error_text(r) == path + ": empty file: nothing to replay");
  // Forcing a format does not make an empty file replayable.
  CHECK_FALSE(load_capture(path, Format::raw).ok());
}

TEST_CASE("source.markdown-without-data-block-is-rejected") {
  TempDir tmp;
  std::string path = (tmp / "notes.md").string();
  write_file(path,
             "# Notes\n\n```bash\ncurl https://example.invalid\n```\n\ndata: outside a fence\n");
  auto r = load_capture(path, Format::markdown);
  std::string text = error_text(r);
  CHECK(text.starts_with(path + ": "));
  CHECK(text.find("no fenced code block holds `data:` lines") != std::string::npos);
}

TEST_CASE("source.unreadable-file-gives-system-reason") {
  TempDir tmp;
  std::string path = (tmp / "locked.sse").string();
  write_file(path, "data: x\n\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  if (std::FILE *f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
    MESSAGE("running with privileges that ignore file permissions; nothing to check");
    return;
  }
  auto r = load_capture(path, std::nullopt);
  CHECK(error_text(r) == path + ": cannot open: Permission denied");
}

TEST_CASE("source.raw-capture-keeps-every-byte") {
  TempDir tmp;
  std::string path = (tmp / "odd.sse").string();
  const std::string bytes("data: a\0b\xff\xfe\r\ndata:\r\rtail", 24);
  write_file(path, bytes);
  auto r = load_capture(path, std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->format == Format::raw);
  CHECK(r->bytes == bytes);
  CHECK(r->stream() == bytes);
  CHECK(r->stream_begin == 0);
  CHECK(r->stream_end == bytes.size());
  CHECK(r->file == path);
}

TEST_CASE("source.seed-000-is-raw-and-whole") {
  auto r = load_capture(kSeed000File.string(), std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->format == Format::raw);
  CHECK(r->bytes.size() == 6726);
  CHECK(r->stream().size() == 6726);
  CHECK(r->stream().starts_with("data: {\"id\": \"foaicmpl-"));
  CHECK(r->stream().ends_with("\ndata: [DONE]")); // no final newline
}

TEST_CASE("source.seed-004-markdown-extraction-is-exact") {
  auto r = load_capture(kSeed004File.string(), std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->format == Format::markdown);
  CHECK(r->bytes.size() == 32718);
  CHECK(r->stream_begin == 713);
  CHECK(r->stream_end == 32714);
  CHECK(r->fence_closed);
  std::string_view s = r->stream();
  CHECK(s.size() == 32001);
  CHECK(s == std::string_view(r->bytes).substr(713, 32001));
  CHECK(s.starts_with("data: {\"id\":\"6997ab18-"));
  CHECK(s.ends_with("}\n\ndata: [DONE]\n"));
  // What surrounds it: the fence lines, untouched.
  CHECK(std::string_view(r->bytes).substr(701, 12) == "```\n```bash\n");
  CHECK(std::string_view(r->bytes).substr(32714) == "```\n");
}

TEST_CASE("source.seed-004-forced-raw-is-the-whole-file") {
  auto r = load_capture(kSeed004File.string(), Format::raw);
  REQUIRE(r.ok());
  CHECK(r->format == Format::raw);
  CHECK(r->stream().size() == 32718);
  CHECK(r->stream().starts_with("```bash\ncurl "));
}

TEST_CASE("source.markdown-unclosed-block-runs-to-end") {
  auto r = make_capture("t.md", "Reply:\n```\ndata: 1\n\ndata: 2", std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->format == Format::markdown);
  CHECK_FALSE(r->fence_closed);
  CHECK(r->stream() == "data: 1\n\ndata: 2");
}

TEST_CASE("source.markdown-first-block-with-data-wins") {
  const std::string md = "intro\n```json\n{\"a\": 1}\n```\n"
                         "```text\r\ndata: one\r\n\r\n```\n"
                         "```\ndata: two\n```\n";
  auto r = make_capture("t.md", md, std::nullopt);
  REQUIRE(r.ok());
  CHECK(r->format == Format::markdown);
  CHECK(r->fence_closed);
  CHECK(r->stream() == "data: one\r\n\r\n");
}

TEST_CASE("source.markdown-empty-fence-at-end") {
  // An opening fence as the last line has no content; nothing to replay.
  auto r = make_capture("t.md", "text\n```", Format::markdown);
  CHECK_FALSE(r.ok());
}

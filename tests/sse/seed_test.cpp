// Seed 000 (grok-3 behind an OpenAI-compatible proxy, REFERENCE.md section 4): no blank line
// anywhere, twice a bare `data:` with the JSON on the next line, no newline after `data: [DONE]`.
// Each parser is also replayed under every split of the seed.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "sse/parser.hpp"
#include "sse/replay_log.hpp"

namespace {

std::string read_seed_000() {
  const char *path = SSEH_CORPUS_DIR "/seeds/000_c359a6ca5f32f75d/000_c359a6ca5f32f75d.txt";
  std::string bytes;
  if (std::FILE *f = std::fopen(path, "rb")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0)
      bytes.append(buf, n);
    std::fclose(f);
  }
  return bytes;
}

struct Collected final : harness::sse::EventSink {
  std::vector<std::string> data;
  std::map<std::string, int> rules;
  std::vector<harness::Finding> findings;
  void on_event(const harness::sse::Event &e) override { data.emplace_back(e.data); }
  void on_finding(harness::Finding f) override {
    ++rules[f.rule];
    findings.push_back(std::move(f));
  }
};

Collected run(std::string_view parser, const std::string &bytes) {
  CAPTURE(std::string(parser));
  const auto r = harness::sse::test::replay_all_splits(parser, bytes);
  CHECK_MESSAGE(r.mismatch.empty(), r.mismatch);
  Collected sink;
  auto p = harness::sse::find_parser(parser)->make(sink);
  p->feed(bytes);
  p->finish();
  return sink;
}

} // namespace

TEST_CASE("sse.seed-000.whatwg-dispatches-nothing") {
  const std::string bytes = read_seed_000();
  REQUIRE(bytes.size() == 6726);
  const Collected c = run("whatwg", bytes);
  CHECK(c.data.empty());
  CHECK(c.rules ==
        std::map<std::string, int>{{"sse.ignored-line", 2}, {"sse.unterminated-event", 1}});
  REQUIRE(!c.findings.empty());
  CHECK(c.findings.back().offset == 0);
  CHECK(c.findings.back().severity == harness::Severity::error);
}

TEST_CASE("sse.seed-000.tolerant-recovers-23-events") {
  const std::string bytes = read_seed_000();
  REQUIRE(!bytes.empty());
  const Collected c = run("tolerant", bytes);
  REQUIRE(c.data.size() == 23);
  CHECK(c.data[0].find("\"role\": \"assistant\"") != std::string::npos);
  CHECK(c.data[1].find("\"content\": \"Yo, \"") != std::string::npos);
  CHECK(c.data[3].find("\"content\": \"'s g\"") != std::string::npos); // first payload-on-next-line
  CHECK(c.data[20].find("\"finish_reason\": \"stop\"") != std::string::npos);
  CHECK(c.data[21].find("\"total_tokens\": 26") != std::string::npos); // second one
  CHECK(c.data[22] == "[DONE]");
  for (const std::string &d : c.data)
    CHECK(d.find('\n') == std::string::npos);
  // 22 event boundaries without a blank line, 2 payloads on the next line, [DONE] unterminated.
  CHECK(c.rules == std::map<std::string, int>{{"sse.blank-line-missing", 22},
                                              {"sse.payload-on-next-line", 2},
                                              {"sse.unterminated-event", 1}});
}

TEST_CASE("sse.seed-000.lines-loses-the-two-next-line-payloads") {
  const std::string bytes = read_seed_000();
  REQUIRE(!bytes.empty());
  const Collected c = run("lines", bytes);
  REQUIRE(c.data.size() == 21);
  CHECK(c.data[3].find("\"content\": \"bom?\"") != std::string::npos);
  CHECK(c.data[20] == "[DONE]");
  CHECK(c.findings.empty());
}

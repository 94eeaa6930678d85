// The seed captures' payloads, cut out by hand (no SSE parser), decoded with the memo on and off.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dialect/chat/chat_decoder.hpp"

namespace {

struct Payload {
  std::string data;
  uint64_t offset; ///< of the payload's first byte in the capture
};

std::string read_all(const char *path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every `data: ` line's value, and the whole line that follows a bare `data:` (seed 000 puts the
// JSON of two events on the line after their `data:`).
std::vector<Payload> payloads_of(const std::string &bytes) {
  std::vector<Payload> out;
  size_t at = 0;
  bool after_bare_data = false;
  while (at < bytes.size()) {
    size_t end = bytes.find('\n', at);
    if (end == std::string::npos)
      end = bytes.size();
    const std::string_view line(bytes.data() + at, end - at);
    if (after_bare_data) {
      out.push_back({std::string(line), at});
      after_bare_data = false;
    } else if (line == "data:") {
      after_bare_data = true;
    } else if (line.substr(0, 6) == "data: ") {
      out.push_back({std::string(line.substr(6)), at + 6});
    }
    at = end + 1;
  }
  return out;
}

harness::StreamResult decode(const std::vector<Payload> &payloads, unsigned memo_shapes,
                             harness::chat::MemoStats &stats) {
  auto d = harness::chat::make_chat_decoder({memo_shapes});
  uint64_t index = 0;
  for (const Payload &p : payloads) {
    harness::sse::Event e;
    e.data = p.data;
    e.index = index++;
    e.offset = p.offset;
    e.data_offset = p.offset;
    d->on_event(e);
  }
  stats = d->memo_stats();
  return d->finish();
}

} // namespace

TEST_CASE("chat.seed.000-grok-3-proxy") {
  const auto payloads =
      payloads_of(read_all(SSEH_CORPUS_DIR "/seeds/000_c359a6ca5f32f75d/000_c359a6ca5f32f75d.txt"));
  REQUIRE(payloads.size() == 23);
  CHECK(payloads.back().data == "[DONE]");
  harness::chat::MemoStats on_stats;
  harness::chat::MemoStats off_stats;
  const auto on = decode(payloads, 4, on_stats);
  const auto off = decode(payloads, 0, off_stats);
  CHECK(on == off);
  CHECK(on_stats.hits >= 18);

  CHECK(on.events == 23);
  CHECK(on.done);
  // The last usage chunk (payload 21, on the line after a bare `data:`) has input_tokens and
  // output_tokens 0 beside prompt 8 / completion 18; the finish chunk's 0/0 beside 0/0 agree.
  REQUIRE(on.findings.size() == 1);
  CHECK(on.findings[0] ==
        harness::Finding{"usage.counters-disagree", harness::Severity::warning,
                         payloads[21].offset, 21,
                         "usage input_tokens 0 differs from prompt_tokens 8 and output_tokens 0 "
                         "differs from completion_tokens 18"});
  CHECK(on.errors.empty());
  REQUIRE(on.choices.size() == 1);
  const auto &c = on.choices[0];
  CHECK(c.index == 0);
  CHECK(c.role == "assistant");
  CHECK(c.text == "Yo, what's gbom? Ready to dive into o quequer que voc\xC3\xAA're pondering "
                  "abfora today?");
  CHECK(c.finish_reason == "stop");
  CHECK(c.tool_calls.empty());
  // The finish chunk has usage 0/0/0; the final `choices: []` chunk's 8/18/26 replaces it.
  REQUIRE(on.usage.has_value());
  CHECK(on.usage == harness::Usage{8, 18, 26, 0});
}

TEST_CASE("chat.seed.004-xai-grok-beta") {
  const auto payloads =
      payloads_of(read_all(SSEH_CORPUS_DIR "/seeds/004_424fe411654300b4/004_424fe411654300b4.txt"));
  REQUIRE(payloads.size() == 81);
  harness::chat::MemoStats on_stats;
  harness::chat::MemoStats off_stats;
  const auto on = decode(payloads, 4, on_stats);
  const auto off = decode(payloads, 0, off_stats);
  CHECK(on == off);
  // Usage counters change on every chunk; they are number holes, so the shape still repeats.
  CHECK(on_stats.hits >= 70);

  CHECK(on.events == 81);
  CHECK(on.done);
  CHECK(on.findings.empty()); // `role` on every delta is not a change
  REQUIRE(on.choices.size() == 1);
  const auto &c = on.choices[0];
  CHECK(c.role == "assistant");
  CHECK(c.text ==
        "Ah, the ultimate question! According to Douglas Adams' \"The Hitchhiker's Guide to the "
        "Galaxy,\" the answer to the meaning of life, the universe, and everything is **42**. "
        "However, the characters in the story realize that the real challenge is figuring out "
        "what the actual question is. So, while 42 is the answer, the quest for understanding the "
        "question continues!");
  CHECK(c.finish_reason == "stop");
  REQUIRE(on.usage.has_value());
  CHECK(on.usage == harness::Usage{41, 80, 121, std::nullopt});
}

// The two seed captures (REFERENCE.md section 4) through every SDK profile, each replayed at every
// split point. What REFERENCE says the real clients did is compared with what the modelled
// sources do in the comments.
#include <string>

#include <doctest/doctest.h>

#include "profiles/profile_support.hpp"
#include "source/capture.hpp"

using namespace profile_test;
using harness::StreamResult;
using harness::Usage;

namespace {

std::string seed_stream(const char *relative) {
  const auto capture =
      harness::source::load_capture(std::string(SSEH_SEEDS_DIR) + "/" + relative, std::nullopt);
  REQUIRE(capture.ok());
  return std::string(capture.value().stream());
}

} // namespace

// Seed 000: no blank line anywhere. python, go (and LiteLLM through python's client) dispatch only
// at a blank line and drop the lines after the last one (here: all of them), so they read zero
// events and see no [DONE]:
//   openai-python: get_final_completion() then fails `assert snapshot is not None`.
//   openai-go: the stream just ends; the accumulator is empty (no error).
//   litellm: stream_chunk_builder([]) returns None (no error).
// openai-node 7 flushes the pending event at the end of the body: one event whose data is every
// data line joined by LF, which JSON.parse refuses, and its Stream throws its own wording (what
// the real SDK, run as the openai-create and openai-stream clients, throws too).
TEST_CASE("profiles.seed-000") {
  const std::string bytes = seed_stream("000_c359a6ca5f32f75d/000_c359a6ca5f32f75d.txt");
  REQUIRE(bytes.size() == 6726);
  struct Want {
    std::string profile;
    std::optional<std::string> raised;
    uint64_t events;
  };
  for (const Want &w :
       {Want{"openai-python", "AssertionError", 0},
        Want{"openai-node", "Error reading response: malformed server-sent event JSON.", 1},
        Want{"openai-go", std::nullopt, 0}, Want{"litellm", std::nullopt, 0}}) {
    CAPTURE(w.profile);
    const StreamResult r = replay_all(w.profile, bytes);
    CHECK(r.events == w.events);
    CHECK(!r.done);
    CHECK(r.choices.empty());
    CHECK(!r.usage);
    CHECK(r.errors.empty());
    CHECK(r.findings.empty());
    CHECK(r.raised == w.raised);
  }
}

// Seed 004 (stream cut out of a markdown transcript): 80 events with blank lines, then
// `data: [DONE]` and one LF, no blank line. Only openai-node 7 dispatches that last event (its
// SSEDecoder.flush()), so it reads 81 events and sees [DONE]; the others read 80 and do not
// (harmless: the body ends there anyway).
// Role and cumulative usage come on every delta; finish_reason only on the last chunk.
//   openai-python: role "assistant" 80 times over; the last chunk's usage 41/80/121.
//   openai-node: role "assistant"; the last chunk's usage 41/80/121.
//   openai-go: role "assistant"; usage summed over 80 chunks: 41*80 = 3280 prompt,
//     1+2+...+80 = 3240 completion, 6520 total, reasoning 0.
//   litellm: role of the first chunk; last non-zero counts 41/80, total recomputed 121,
//     reasoning 0 (no reasoning text).
TEST_CASE("profiles.seed-004") {
  const std::string bytes = seed_stream("004_424fe411654300b4/004_424fe411654300b4.txt");
  REQUIRE(bytes.size() == 32714 - 713);
  std::string assistant80;
  for (int i = 0; i < 80; ++i)
    assistant80 += "assistant";
  struct Want {
    std::string profile, role;
    Usage usage;
  };
  for (const Want &w : {Want{"openai-python", assistant80, {41, 80, 121, std::nullopt}},
                        Want{"openai-node", "assistant", {41, 80, 121, std::nullopt}},
                        Want{"openai-go", "assistant", {3280, 3240, 6520, 0}},
                        Want{"litellm", "assistant", {41, 80, 121, 0}}}) {
    CAPTURE(w.profile);
    const StreamResult r = replay_all(w.profile, bytes);
    const bool node = w.profile == "openai-node";
    CHECK(r.events == (node ? 81u : 80u));
    CHECK(r.done == node);
    CHECK(!r.raised);
    CHECK(r.errors.empty());
    CHECK(r.findings.empty());
    const auto &c = only_choice(r);
    CHECK(c.role == w.role);
    CHECK(c.finish_reason == "stop");
    CHECK(c.text.size() == 363);
    CHECK(c.text.substr(0, 26) == "Ah, the ultimate question!");
    CHECK(c.text.find("**42**") != std::string::npos);
    CHECK(c.reasoning.empty());
    CHECK(c.tool_calls.empty());
    CHECK(r.usage == w.usage);
  }
}

// Differential tests of the shape memos over real streams: every corpus case, each metamorphic
// variant of it and random edits of it, replayed through a parser into its dialect's decoder with
// the memo on and off, must give exactly equal results (findings, offsets and errors included). The
// memo counters prove the fast path was taken.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/discover.hpp"
#include "dialect/chat/chat_decoder.hpp"
#include "dialect/gemini/gemini_decoder.hpp"
#include "dialect/messages/messages_decoder.hpp"
#include "dialect/responses/responses_decoder.hpp"
#include "pipeline/implementation.hpp"
#include "variants/variants.hpp"

namespace {

using harness::dialect::MemoDecoder;
using harness::dialect::MemoStats;

std::unique_ptr<MemoDecoder> make_decoder(const std::string &dialect, unsigned shapes) {
  if (dialect == "openai-chat")
    return harness::chat::make_chat_decoder({shapes});
  if (dialect == "anthropic-messages")
    return harness::messages::make_messages_decoder(shapes);
  if (dialect == "openai-responses")
    return harness::responses::make_responses_decoder(shapes);
  if (dialect == "gemini")
    return harness::gemini::make_gemini_decoder(shapes);
  return nullptr;
}

harness::StreamResult replay(std::string_view stream, const std::string &dialect,
                             const char *parser, unsigned shapes, MemoStats &stats) {
  auto decoder = make_decoder(dialect, shapes);
  REQUIRE(decoder != nullptr);
  const auto *impl = harness::pipeline::find_implementation(parser);
  REQUIRE(impl != nullptr);
  auto p = impl->make_parser(*decoder);
  p->feed(stream);
  p->finish();
  stats = decoder->memo_stats();
  return decoder->finish();
}

struct Totals {
  MemoStats on;
  uint64_t streams = 0;
  void add(const MemoStats &s) {
    on.hits += s.hits;
    on.full_parses += s.full_parses;
    on.parsed_holes += s.parsed_holes;
    ++streams;
  }
};

// The memo on (the decoder's default and one shape) equals the memo off for `stream`.
void check_equal(std::string_view stream, const std::string &dialect, const std::string &what,
                 Totals &totals) {
  for (const char *parser : {"whatwg", "tolerant"}) {
    MemoStats off_stats;
    MemoStats one_stats;
    MemoStats on_stats;
    const auto off = replay(stream, dialect, parser, 0, off_stats);
    const auto one = replay(stream, dialect, parser, 1, one_stats);
    const auto on = replay(stream, dialect, parser, dialect == "openai-chat" ? 4 : 16, on_stats);
    INFO(what << " through " << parser);
    CHECK(off_stats.hits == 0);
    CHECK(one == off);
    CHECK(on == off);
    totals.add(on_stats);
  }
}

std::vector<harness::corpus::Case> corpus_cases() {
  auto cases = harness::corpus::discover({SSEH_CORPUS_DIR});
  REQUIRE_MESSAGE(cases.ok(), cases.error().str());
  return std::move(cases.value());
}

uint64_t next(uint64_t &state) { // splitmix64: deterministic across platforms
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Offsets of the bytes of `stream` inside JSON payloads (after "data:" up to the line end).
std::vector<size_t> payload_bytes(std::string_view stream) {
  std::vector<size_t> at;
  size_t line = 0;
  while (line < stream.size()) {
    size_t end = stream.find('\n', line);
    if (end == std::string_view::npos)
      end = stream.size();
    if (stream.substr(line, 5) == "data:")
      for (size_t i = line + 5; i < end; ++i)
        at.push_back(i);
    line = end + 1;
  }
  return at;
}

} // namespace

TEST_CASE("memo.corpus-streams-equal-full-parse") {
  Totals totals;
  for (const auto &c : corpus_cases())
    if (make_decoder(c.dialect, 0))
      check_equal(c.capture.stream(), c.dialect, c.id, totals);
  CHECK(totals.streams > 60);
  CHECK(totals.on.hits > totals.on.full_parses);
}

TEST_CASE("memo.corpus-variants-equal-full-parse") {
  Totals totals;
  for (const auto &c : corpus_cases()) {
    if (!make_decoder(c.dialect, 0))
      continue;
    for (const auto &v : harness::variants::variants())
      if (const auto stream = harness::variants::derive(v.kind, c.capture.stream(), {}))
        check_equal(*stream, c.dialect, c.id + " variant " + std::string(v.name), totals);
  }
  CHECK(totals.on.hits > totals.on.full_parses);
}

// Each edit changes one byte of one payload (replaced by, or inserted before it, a byte that
// matters to JSON: digits, signs, exponents, escapes, quotes, whitespace, structure, control
// characters and invalid UTF-8), so the payloads around it keep the remembered shapes and the
// fast path must judge the edited one.
TEST_CASE("memo.corpus-random-edits-equal-full-parse") {
  static const char alphabet[] = "0123456789-+.eE\"\\u /bfnrt{}[]:,\x01\x1f\x7f\xC3\xA9\xFF\xED\xA0";
  uint64_t state = 15;
  Totals totals;
  for (const auto &c : corpus_cases()) {
    if (!make_decoder(c.dialect, 0))
      continue;
    const std::string_view stream = c.capture.stream();
    const std::vector<size_t> at = payload_bytes(stream);
    if (at.empty())
      continue;
    for (int i = 0; i < 12; ++i) {
      std::string edited(stream);
      const size_t where = at[next(state) % at.size()];
      const char byte = alphabet[next(state) % (sizeof alphabet - 1)];
      if (next(state) % 2 == 0)
        edited[where] = byte;
      else
        edited.insert(where, 1, byte);
      check_equal(edited, c.dialect, c.id + " edited at " + std::to_string(where), totals);
    }
  }
  CHECK(totals.on.hits > totals.on.full_parses);
  CHECK(totals.on.parsed_holes > 0);
}

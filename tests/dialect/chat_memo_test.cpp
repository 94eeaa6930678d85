// Differential tests of the shape memo: for every payload sequence the result with the memo on must
// equal the result with it off (every payload fully parsed), findings and offsets included. The
// sequences put each variant right after a payload of the remembered shape, so the fast path is
// really asked to judge it; the memo counters prove it was.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <cstdint>
#include <string>
#include <vector>

#include "dialect/chat/decoded_chunk.hpp"
#include "dialect/chat_support.hpp"

using chat_test::run_payloads;
using harness::chat::MemoStats;
using Strings = std::vector<std::string>;

namespace {

// A readable summary for failure messages (StreamResult has no printer).
std::string describe(const harness::StreamResult &r) {
  std::string s = "events=" + std::to_string(r.events) + " done=" + std::to_string(r.done);
  for (const auto &c : r.choices) {
    s += "\n choice " + std::to_string(c.index) + " role=" + c.role.value_or("-") + " text=[" +
         c.text + "] reasoning=[" + c.reasoning + "] finish=" + c.finish_reason.value_or("-");
    for (const auto &t : c.tool_calls)
      s += "\n  tool " + std::to_string(t.index) + " id=" + t.id.value_or("-") +
           " name=" + t.name.value_or("-") + " args=[" + t.arguments + "]";
  }
  if (r.usage)
    s += "\n usage total=" + std::to_string(r.usage->total_tokens.value_or(-1));
  for (const auto &e : r.errors)
    s += "\n error " + e.source + ": " + e.message;
  for (const auto &f : r.findings)
    s += "\n " + f.rule + " @" + std::to_string(f.offset) + " ev" + std::to_string(f.event) + ": " +
         f.message;
  return s;
}

// Runs `payloads` with the memo off, with one remembered shape and with four; all must agree.
// Returns the four-shape counters.
MemoStats check_memo_equivalent(const Strings &payloads) {
  MemoStats off_stats;
  MemoStats one_stats;
  MemoStats four_stats;
  const auto off = run_payloads(payloads, 0, &off_stats);
  const auto one = run_payloads(payloads, 1, &one_stats);
  const auto four = run_payloads(payloads, 4, &four_stats);
  CHECK(off_stats.hits == 0);
  CHECK(off_stats.full_parses == payloads.size() - static_cast<size_t>(std::count(
                                                      payloads.begin(), payloads.end(), "[DONE]")));
  INFO("memo off:\n" << describe(off));
  INFO("memo on (1 shape):\n" << describe(one));
  INFO("memo on (4 shapes):\n" << describe(four));
  CHECK(one == off);
  CHECK(four == off);
  return four_stats;
}

// A content chunk whose "content" literal holds `hole` verbatim (JSON text, not a decoded value).
std::string content_chunk(const std::string &hole) {
  return R"({"id":"chatcmpl-7","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":")" +
         hole + R"("},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"Zx81"})";
}

// A tool-call fragment whose id and arguments literals hold the given JSON text.
std::string tool_chunk(const std::string &id, const std::string &args) {
  return R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":")" + id +
         R"(","type":"function","function":{"name":"lookup","arguments":")" + args +
         R"("}}]},"finish_reason":null}]})";
}

// Hole contents (raw JSON text) that probe the fast path's edges.
const Strings &tricky_holes() {
  static const Strings holes = {
      "plain words",
      "",
      " ",
      R"(\")",              // escaped quote
      R"(say \"hi\")",      // escaped quotes inside
      R"(a\\)",             // backslash just before the closing quote
      R"(a\\\\)",           // two escaped backslashes before the closing quote
      R"(\\\")",            // escaped backslash, then escaped quote
      R"(\/\b\f\n\r\t)",    // every short escape
      R"(\u00e9)",          // \u escape
      R"(\u00E9t\u00e9)",   // mixed case hex
      R"(\ud83d\ude00)",    // surrogate pair
      R"(\ud83d)",          // lone high surrogate: invalid
      R"(\ud83dx)",         // high surrogate not followed by \u: invalid
      R"(\ud83d\u0041)",    // high surrogate followed by a non-low: invalid
      R"(\ude00)",          // lone low surrogate
      R"(\u0000)",          // escaped NUL: a valid value containing NUL
      R"(\u12)",            // short \u: invalid
      R"(\u12G4)",          // bad hex: invalid
      R"(\x41)",            // unknown escape: invalid
      R"(\)",               // a lone backslash escapes the closing quote: skeleton breaks
      R"(\\\)",             // odd run before the closing quote
      "caf\xC3\xA9",        // UTF-8
      "\xE2\x80\x94 \xF0\x9F\x98\x80", // 3- and 4-byte UTF-8
      "\xC3\x28",           // invalid continuation
      "\xFF",               // never valid in UTF-8
      "\xC0\xAF",           // overlong
      "\xED\xA0\x80",       // UTF-8-encoded surrogate
      "\xF4\x90\x80\x80",   // above U+10FFFF
      "\xE2\x80",           // truncated sequence
      "\x01",               // control character
      "tab\there",          // raw tab
      "line\nbreak",        // raw LF
      "\x7F",               // DEL is allowed unescaped
      std::string("nul\0inside", 10),
      R"(a","role":"user)", // an unescaped quote that yields another valid shape
      R"(a","content":"b)", // ... with a repeated key
      R"(a"},"x":{"y":")",  // ... that changes the nesting
      R"(a")",              // an unescaped quote that breaks the JSON
      R"(\"},\"finish_reason\":\"stop)", // escaped: only looks like structure
      "\xE2\x80\xA8",       // U+2028
  };
  return holes;
}

} // namespace

TEST_CASE("chat.memo.tricky-content-holes-equal-full-parse") {
  Strings p;
  int n = 0;
  for (const std::string &hole : tricky_holes()) {
    p.push_back(content_chunk("w" + std::to_string(n++))); // keeps the shape remembered
    p.push_back(content_chunk(hole));
  }
  p.push_back("[DONE]");
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits >= tricky_holes().size());
  CHECK(s.parsed_holes > 10);
}

TEST_CASE("chat.memo.tricky-tool-call-holes-equal-full-parse") {
  Strings p;
  for (const std::string &hole : tricky_holes()) {
    p.push_back(tool_chunk("call_1", R"({\"q\":)"));
    p.push_back(tool_chunk(hole, "1}"));
    p.push_back(tool_chunk("", hole));
    p.push_back(tool_chunk("call_2", hole + R"(\\)"));
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > tricky_holes().size());
}

TEST_CASE("chat.memo.skeleton-changes-fall-back") {
  const std::string base = content_chunk("x");
  auto replaced = [&](const std::string &from, const std::string &to) {
    std::string s = base;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const Strings variants = {
      replaced(R"("content":)", R"("Content":)"),             // key changes
      replaced(R"("content":)", R"("reasoning_content":)"),   // key changes meaning
      replaced(R"("content":)", R"("content" :)"),            // whitespace
      replaced(R"("content":)", "\"content\":\n"),            // whitespace
      replaced(R"("index":0)", R"("index":1)"),               // numbers
      replaced(R"("index":0)", R"("index":0.0)"),
      replaced(R"("index":0)", R"("index":-0)"),
      replaced(R"("created":1741570283)", R"("created":1741570284)"),
      replaced(R"("finish_reason":null)", R"("finish_reason":"stop")"), // literal to string
      replaced(R"("finish_reason":null)", R"("finish_reason":false)"),
      replaced(R"("logprobs":null)", R"("logprobs":{"content":[{"token":"x","bytes":[120]}]})"),
      replaced(R"("usage":null)", R"("usage":{"prompt_tokens":3,"completion_tokens":4})"),
      replaced(R"("usage":null)", R"("usage":[])"),
      replaced(R"("obfuscation":"Zx81")", R"("obfuscation":"Zx81","error":"bad")"),
      replaced(R"("obfuscation":"Zx81")", R"("obfuscation":"Zx81","error":{"message":"m"})"),
      base + " ",
      base + std::string("\0", 1),
      " " + base,
      base.substr(0, base.size() - 1),
      base + "}",
  };
  Strings p;
  for (const std::string &v : variants) {
    p.push_back(base);
    p.push_back(v);
    p.push_back(v); // the variant's own shape, now remembered
  }
  check_memo_equivalent(p);
}

// Nested objects and arrays with string holes that feed nothing, and holes that feed fields.
TEST_CASE("chat.memo.nested-values-equal-full-parse") {
  auto nested = [](const std::string &a, const std::string &b) {
    return R"({"choices":[{"index":0,"delta":{"role":"assistant","content":")" + a +
           R"(","reasoning":")" + b +
           R"("},"logprobs":{"content":[{"token":")" + a + R"(","top":[[")" + b +
           R"(",{"k":")" + a + R"("}]]}]},"finish_reason":")" + b + R"("}],"meta":[")" + a +
           R"(",[[]],{}]})";
  };
  Strings p;
  for (const std::string &hole : tricky_holes()) {
    p.push_back(nested("a", ""));
    p.push_back(nested(hole, "r"));
    p.push_back(nested("b", hole));
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > 0);
}

// Shapes alternate (content, reasoning, tool call, usage): four remembered shapes keep hitting.
TEST_CASE("chat.memo.alternating-shapes") {
  Strings p;
  for (int i = 0; i < 50; ++i) {
    p.push_back(content_chunk("c" + std::to_string(i)));
    p.push_back(R"({"choices":[{"index":0,"delta":{"reasoning_content":"r)" + std::to_string(i) +
                R"("}}]})");
    p.push_back(tool_chunk("", "a" + std::to_string(i)));
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits >= 140);
  CHECK(s.stored == 3);
}

namespace {

uint64_t next(uint64_t &state) { // splitmix64: deterministic across platforms
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

} // namespace

// Random single-byte edits of realistic payloads, each right after its unedited original.
TEST_CASE("chat.memo.random-edits-equal-full-parse") {
  const Strings bases = {
      content_chunk("Hello"),
      content_chunk(R"(caf\u00e9 \"x\")"),
      tool_chunk("call_abc", R"({\"city\": \"Paris\"})"),
      R"({"id":"x","choices":[{"delta":{"content":"a"},"logprobs":null,"finish_reason":"stop","index":0}],"usage":{"prompt_tokens":8,"completion_tokens":18,"total_tokens":26,"completion_tokens_details":{"reasoning_tokens":0}}})",
      R"({"error":{"message":"upstream","code":"x"},"choices":[]})",
  };
  static const char alphabet[] = "\"\\u0aZ :,{}[]nultrefs9-.eE\x01\xC3\xA9\xFF\xED\x80";
  uint64_t state = 2024;
  Strings p;
  for (int i = 0; i < 3000; ++i) {
    const std::string &base = bases[next(state) % bases.size()];
    std::string edited = base;
    const size_t at = next(state) % edited.size();
    const char c = alphabet[next(state) % (sizeof alphabet - 1)];
    switch (next(state) % 3) {
    case 0:
      edited[at] = c;
      break;
    case 1:
      edited.insert(at, 1, c);
      break;
    default:
      edited.erase(at, 1);
      break;
    }
    p.push_back(base);
    p.push_back(edited);
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > 1500);
  CHECK(s.parsed_holes > 100);
}

// Usage counters on every chunk (xAI grok-beta) are number holes: every chunk after the first hits.
TEST_CASE("chat.memo.changing-counters-hit") {
  Strings p;
  for (int i = 0; i < 100; ++i)
    p.push_back(R"({"choices":[{"index":0,"delta":{"content":"a"}}],"usage":{"completion_tokens":)" +
                std::to_string(i) + R"(,"total_tokens":)" + std::to_string(i + 9) + "}}");
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits == 99);
  CHECK(s.bypassed == 0);
}

// A shape that never repeats (here a key that changes on every chunk) defeats the memo: it backs
// off, then recovers once the shape settles.
TEST_CASE("chat.memo.backs-off-on-misses-and-recovers") {
  Strings p;
  for (int i = 0; i < 100; ++i)
    p.push_back(R"({"choices":[{"index":0,"delta":{"content":"a"}}],"k)" + std::to_string(i) +
                R"(":1})");
  for (int i = 0; i < 100; ++i)
    p.push_back(content_chunk("b" + std::to_string(i)));
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.bypassed > 50);
  CHECK(s.hits > 60);
  CHECK(s.hits + s.full_parses == p.size());
}

// The chunk header (id, model, object) are slots: the checks on them (chat.id-changed,
// chat.model-changed, chat.object-not-chunk) are decided on decoded values at merge time, so a
// memo hit with an escaped hole that decodes to the same text must decide like the full parse.
TEST_CASE("chat.memo.header-holes-equal-full-parse") {
  auto header = [](const std::string &id, const std::string &model, const std::string &object) {
    return R"({"id":")" + id + R"(","object":")" + object +
           R"(","created":1741570283,"model":")" + model +
           R"(","choices":[{"index":0,"delta":{"content":"x"}}]})";
  };
  Strings holes = tricky_holes();
  holes.push_back(R"(\u0061)"); // "a", the first id, escaped
  holes.push_back("a");
  holes.push_back(R"(chat.completion\u002echunk)");
  holes.push_back("chat.completion.chunk");
  holes.push_back(R"(gpt\u002d4o)");
  Strings p;
  for (const std::string &hole : holes) {
    p.push_back(header("a", "gpt-4o", "chat.completion.chunk"));
    p.push_back(header(hole, "gpt-4o", "chat.completion.chunk"));
    p.push_back(header("a", hole, "chat.completion.chunk"));
    p.push_back(header("a", "gpt-4o", hole));
    p.push_back(header("", "", ""));
  }
  // The same header again and again: clean ones are not compared again on a hit (merge.hpp), ones
  // with findings must give them every time.
  for (int i = 0; i < 6; ++i) {
    p.push_back(header("a", "gpt-4o", "chat.completion.chunk"));
    p.push_back(header("b", "gpt-4o-mini", "chat.completion"));
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > 3 * holes.size() + 10);
  const auto r = run_payloads(p);
  CHECK(std::count_if(r.findings.begin(), r.findings.end(), [&](const harness::Finding &f) {
          return f.offset >= chat_test::data_offset_of(p, p.size() - 12) &&
                 f.rule == "chat.object-not-chunk";
        }) == 6);
}

// What the checks read besides strings — created, whether a delta is an object, integers beyond
// 2^53, the usage counters including input_tokens / output_tokens, choice indexes — is part of the
// shape: each variant is a skeleton change, then repeated with other content so the memo serves it.
TEST_CASE("chat.memo.shape-derived-check-fields-equal-full-parse") {
  const std::string base =
      R"({"id":"a","object":"chat.completion.chunk","created":200,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}],"usage":{"prompt_tokens":8,"completion_tokens":18,"total_tokens":26,"input_tokens":8,"output_tokens":18},"seed":1})";
  auto replaced = [&](const std::string &from, const std::string &to) {
    std::string s = base;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  const Strings variants = {
      replaced(R"("created":200)", R"("created":199)"),
      replaced(R"("created":200)", R"("created":201)"),
      replaced(R"("created":200)", R"("created":"200")"),
      replaced(R"("delta":{"content":"x"})", R"("delta":null,"d":{"content":"x"})"),
      replaced(R"("delta":{"content":"x"})", R"("delta":7,"d":{"content":"x"})"),
      replaced(R"("delta":{"content":"x"})", R"("delta":{"role":"assistant","content":"x"})"),
      replaced(R"("seed":1)", R"("seed":9007199254740993)"),
      replaced(R"("seed":1)", R"("seed":[1e20,-9007199254740993])"),
      replaced(R"("input_tokens":8)", R"("input_tokens":0)"),
      replaced(R"("output_tokens":18)", R"("output_tokens":17)"),
      replaced(R"("total_tokens":26)", R"("total_tokens":27)"),
      replaced(R"("completion_tokens":18)", R"("completion_tokens":17)"),
      replaced(R"("finish_reason":null)", R"("finish_reason":"eos")"),
      replaced(R"("finish_reason":null)", R"("finish_reason":"")"),
      replaced(R"("index":0)", R"("index":2)"),
  };
  Strings p;
  for (const std::string &v : variants) {
    p.push_back(base);
    p.push_back(v);
    std::string again = v;
    again.replace(again.find(R"("content":"x")"), 13, R"("content":"y")");
    p.push_back(again);
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits >= variants.size());
}

// Number tokens that probe the number holes' edges: short integers are holes, anything else
// (fractions, exponents, leading zeros, integers of 16 digits or more, beyond 2^53 or 64 bits, and
// invalid tokens) must fall back to the full parse and decide as it does.
const Strings &tricky_numbers() {
  static const Strings numbers = {
      "0", "-0", "7", "-7", "42", "2147483648", "-2147483649", "4294967296",
      "999999999999999", "-999999999999999", "1000000000000000", "9007199254740992",
      "9007199254740993", "-9007199254740993", "9223372036854775807", "9223372036854775808",
      "18446744073709551616", "1.0", "1e2", "1E+2", "-1.5e-3", "0.0", "-0.0", "1e309",
      "01", "-01", "00", "1.", ".5", "+1", "-", "1e", "--1", "1-2", "0x10", "1 2", "true",
      "null", "\"1\"", "[1]", "{}", "1,\"x\":2",
  };
  return numbers;
}

// Every integer field a number can set, and numbers in subtrees nobody reads.
TEST_CASE("chat.memo.number-holes-equal-full-parse") {
  auto chunk = [](const std::string &created, const std::string &index, const std::string &tool,
                  const std::string &tokens, const std::string &ignored) {
    return R"({"id":"a","created":)" + created + R"(,"choices":[{"index":)" + index +
           R"(,"delta":{"tool_calls":[{"index":)" + tool +
           R"(,"function":{"arguments":"x"}}]},"logprobs":{"n":[)" + ignored +
           R"(]}}],"usage":{"prompt_tokens":)" + tokens + R"(,"completion_tokens":)" + tokens +
           R"(,"total_tokens":)" + tokens + R"(,"input_tokens":)" + tokens +
           R"(,"output_tokens":)" + tokens +
           R"(,"completion_tokens_details":{"reasoning_tokens":)" + tokens + "}}}";
  };
  Strings p;
  int n = 1;
  for (const std::string &v : tricky_numbers()) {
    const std::string k = std::to_string(n++);
    p.push_back(chunk(k, "0", "0", k, k)); // keeps the shape remembered
    p.push_back(chunk(v, "0", "0", k, k));
    p.push_back(chunk(k, v, "0", k, k));
    p.push_back(chunk(k, "0", v, k, k));
    p.push_back(chunk(k, "0", "0", v, k));
    p.push_back(chunk(k, "0", "0", k, v));
  }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > tricky_numbers().size());
}

// A field written twice in one payload: the last writer wins, memo or not. Numbers whose field a
// later value resets (null, a string, a repeated object) stay skeleton.
TEST_CASE("chat.memo.repeated-number-fields-equal-full-parse") {
  const Strings shapes = {
      R"({"created":A,"created":B,"choices":[]})",
      R"({"created":A,"created":null,"choices":[]})",
      R"({"created":A,"created":"s","created":B,"choices":[]})",
      R"({"usage":{"prompt_tokens":A,"total_tokens":B},"usage":{"prompt_tokens":B}})",
      R"({"usage":{"prompt_tokens":A},"usage":null,"usage":{"completion_tokens":B}})",
      R"({"choices":[{"index":A,"index":B,"delta":{"content":"x"}}]})",
      R"({"choices":[{"index":A}],"choices":[{"index":B,"delta":{}}]})",
      R"({"choices":[{"index":0,"delta":{"tool_calls":[{"index":A},{"index":B}],"tool_calls":[{"index":B}]}}]})",
      R"({"usage":{"prompt_tokens":A,"prompt_tokens":1.5}})",
      R"({"usage":{"completion_tokens_details":{"reasoning_tokens":A},"completion_tokens_details":{}}})",
  };
  auto fill = [](const std::string &shape, const std::string &a, const std::string &b) {
    std::string s;
    for (const char c : shape)
      s += c == 'A' ? a : c == 'B' ? b : std::string(1, c);
    return s;
  };
  const std::vector<std::pair<std::string, std::string>> values = {
      {"1", "2"}, {"2", "2"}, {"3", "1"}, {"5", "5"}, {"1.0", "5"}, {"5", "-0"}, {"0", "12"}};
  Strings p;
  for (const std::string &shape : shapes)
    for (const auto &[a, b] : values) {
      p.push_back(fill(shape, "5", "5"));
      p.push_back(fill(shape, a, b));
    }
  check_memo_equivalent(p);
}

// Whitespace between tokens is a hole of any length; inside strings it is content.
TEST_CASE("chat.memo.whitespace-runs-equal-full-parse") {
  auto chunk = [](const std::string &a, const std::string &b, const std::string &content) {
    return "{\"choices\":" + a + "[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}" + b +
           "}]}" + a;
  };
  const Strings spaces = {"", " ", "  ", "\t", "\n", "\r\n", " \t\r\n ", "\x0b", "\x0c",
                          "\xC2\xA0", std::string("\0", 1)};
  Strings p;
  for (const std::string &a : spaces)
    for (const std::string &b : spaces) {
      p.push_back(chunk(" ", " ", "x"));
      p.push_back(chunk(a, b, "y" + a));
    }
  const MemoStats s = check_memo_equivalent(p);
  CHECK(s.hits > 60);
}

// Found by the sanitized decoder-openai-chat fuzz target (UBSan: a vector indexed past its end in
// DecodedChunk::integer while a shape was stored): payloads whose tool-call "index" number the
// chunk reader recorded for a choice entry the decoded chunk does not hold. Such a number cannot be
// rebound, so the payload gets no shape and is parsed fully each time.
TEST_CASE("chat.memo.numbers-for-entries-the-chunk-lacks-are-not-memoised") {
  harness::chat::DecodedChunk empty;
  using Kind = harness::chat::NumberField::Kind;
  CHECK(empty.integer({Kind::choice_index, 0, 0}) == nullptr);
  CHECK(empty.integer({Kind::tool_call_index, 3, 1}) == nullptr);
  CHECK(empty.integer({Kind::none, 0, 0}) == nullptr);
  CHECK(empty.integer({Kind::created, 0, 0}) == &empty.created);

  std::ifstream in(std::string(SSEH_SOURCE_ROOT) +
                       "/tests/dialect/regress/chat-tool-call-index-before-choice-index.sse",
                   std::ios::binary);
  REQUIRE(in.good());
  Strings payloads;
  for (std::string line; std::getline(in, line);)
    if (line.rfind("data: ", 0) == 0)
      payloads.push_back(line.substr(6));
  REQUIRE(payloads.size() == 5);
  check_memo_equivalent(payloads);
}

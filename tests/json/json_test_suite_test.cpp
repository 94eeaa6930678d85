// The harness's JSON acceptance held to JSONTestSuite (tests/json/JSONTestSuite/, see PROVENANCE.md):
// the full path (RapidJSON with json::kParseFlags, as dialect::full_parse reads every payload)
// accepts every y_ file and rejects every n_ file, and gives the i_ files the verdicts listed below.
// With the project's flags RapidJSON 1.1.0 agrees with every y_ and n_ verdict, so there is no
// disagreement to list (the test would name any file that started to disagree).
//
// The fast path must decide every file as the full path does: each file goes through a DOM memo
// primed with shapes it may match (as the whole payload, and its scalar as the hole of an object
// member), and its scalar through the chat decoder's memo as a content string and as a usage
// counter; the memo's result must equal the full parse's, value for value.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "dialect/chat_support.hpp"
#include "dialect/common/document_memo.hpp"
#include "json/dom_equal.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kSuiteDir = fs::path(SSEH_SOURCE_ROOT) / "tests/json/JSONTestSuite/test_parsing";

// The i_ files the full path accepts; every other i_ file is rejected. Why, with json::kParseFlags:
const std::set<std::string> &accepted_i_files() {
  static const std::set<std::string> files = {
      "i_number_double_huge_neg_exp.json",   // 123.456e-789 underflows to 0.0
      "i_number_real_underflow.json",        // 123e-10000000 likewise
      "i_number_too_big_neg_int.json",       // integers beyond 64 bits become doubles
      "i_number_too_big_pos_int.json",
      "i_number_very_big_negative_int.json",
      "i_object_key_lone_2nd_surrogate.json", // a lone \uDFAA (low surrogate) is encoded as is
      "i_string_incomplete_surrogate_pair.json", // \uDd1ea: lone low surrogate, then "a"
      "i_string_lone_second_surrogate.json",
      "i_structure_500_nested_arrays.json",  // the iterative parser has no depth limit
  };
  // Rejected: numbers whose double overflows (huge exponents, 1e+9999 and the like: "Number too big
  // to be stored in double"); a high surrogate without its low half and inverted surrogates; any
  // invalid UTF-8 (overlong, truncated, lone continuation, Latin-1, encoded surrogates, above
  // U+10FFFF: kParseValidateEncodingFlag); UTF-16 text and a UTF-8 BOM (the input is UTF-8 only).
  return files;
}

std::string slurp(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE(in.good());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> suite_files() {
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(kSuiteDir))
    if (e.path().extension() == ".json")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

bool full_accepts(const std::string &text) {
  rapidjson::Document doc;
  return harness::dialect::full_parse(text, doc).valid;
}

// The file's value when it is one scalar (or one scalar in an array), else the whole text: what
// can stand in a hole of another document.
std::string scalar_of(const std::string &text) {
  auto trim = [](std::string_view s) {
    const auto ws = " \t\n\r";
    const size_t b = s.find_first_not_of(ws);
    if (b == std::string_view::npos)
      return std::string_view();
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
  };
  std::string_view s = trim(text);
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']')
    s = trim(s.substr(1, s.size() - 2));
  return std::string(s);
}

// Parses `text` through `memo` and through the full path; both must agree.
void check_memo_agrees(harness::dialect::DocumentMemo &memo, const std::string &text) {
  rapidjson::Document full;
  const bool full_ok = harness::dialect::full_parse(text, full).valid;
  harness::dialect::ParseOutcome outcome;
  const rapidjson::Document *fast = memo.parse(text, outcome);
  CHECK((fast != nullptr) == full_ok);
  CHECK(outcome.valid == full_ok);
  if (fast != nullptr && full_ok)
    CHECK(json_test::dom_equal(*fast, full));
}

} // namespace

TEST_CASE("json.test-suite-full-path-verdicts") {
  const auto files = suite_files();
  REQUIRE(files.size() == 318);
  size_t i_accepted = 0;
  for (const fs::path &p : files) {
    const std::string name = p.filename().string();
    CAPTURE(name);
    const bool ok = full_accepts(slurp(p));
    if (name[0] == 'y')
      CHECK(ok);
    else if (name[0] == 'n')
      CHECK_FALSE(ok);
    else if (accepted_i_files().count(name) != 0)
      i_accepted += ok ? 1 : 0;
    else
      CHECK_FALSE(ok);
  }
  CHECK(i_accepted == accepted_i_files().size());
}

TEST_CASE("json.test-suite-fast-path-equals-full-path") {
  // Shapes the files' skeletons may match: scalars alone, in arrays and objects, with whitespace.
  const std::vector<std::string> primers = {
      R"([0])",   R"([""])",    R"(0)",        R"("")",         R"([-1])",
      R"([ 0 ])", R"([ "" ])",  R"({"a":""})", R"({"a":0})",    R"([[""]])",
      R"([0,0])", R"(["",""])", R"({"":""})",  R"(["",0,""])",  R"([0.5])",
  };
  uint64_t hits = 0;
  uint64_t files_seen = 0;
  for (const fs::path &p : suite_files()) {
    const std::string name = p.filename().string();
    CAPTURE(name);
    const std::string text = slurp(p);
    harness::dialect::DocumentMemo memo(16);
    for (const std::string &primer : primers) {
      harness::dialect::ParseOutcome outcome;
      REQUIRE(memo.parse(primer, outcome) != nullptr);
    }
    const uint64_t before = memo.stats().hits;
    check_memo_agrees(memo, text);
    // The scalar as an object member's value, after the shapes `{"a":""}` and `{"a":0}`.
    check_memo_agrees(memo, R"({"a":)" + scalar_of(text) + "}");
    hits += memo.stats().hits - before;
    ++files_seen;
  }
  CHECK(files_seen == 318);
  CHECK(hits > 150); // the fast path decided for most files
}

TEST_CASE("json.test-suite-chat-memo-equals-full-parse") {
  // Each file's scalar as delta.content (a string hole) and as usage.completion_tokens (a number
  // hole), each right after the remembered shape.
  const std::string head = R"({"choices":[{"index":0,"delta":{"content":)";
  auto content = [&](const std::string &v) { return head + v + R"(}}],"usage":null})"; };
  auto counter = [&](const std::string &v) {
    return head + R"("a"}}],"usage":{"completion_tokens":)" + v + "}}";
  };
  std::vector<std::string> payloads;
  for (const fs::path &p : suite_files()) {
    const std::string v = scalar_of(slurp(p));
    payloads.push_back(content(R"("x")"));
    payloads.push_back(content(v));
    payloads.push_back(counter("1"));
    payloads.push_back(counter(v));
  }
  harness::chat::MemoStats on_stats;
  const auto off = chat_test::run_payloads(payloads, 0);
  const auto on = chat_test::run_payloads(payloads, 4, &on_stats);
  CHECK(on == off);
  CHECK(on_stats.hits > payloads.size() / 2 + 100);
}

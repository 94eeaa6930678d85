// corpus.*: expectations, "default" merged under each parser's own entry.
#include <doctest/doctest.h>

#include <string>

#include "corpus/case.hpp"
#include "corpus/expectation.hpp"
#include "corpus_test_support.hpp"

using harness::corpus::Case;
using harness::corpus::expectation_for;
using harness::corpus::expectation_parsers;
using harness::corpus::is_rule_id;
using harness::corpus::load_case;
using namespace corpus_test;

namespace {

Case case_with_expect(const std::string &expect) {
  use_repo_schemas();
  TempDir tmp;
  std::string json = minimal_case_json("s.sse");
  json.replace(json.find("\"expect\": {}"), 12, "\"expect\": " + expect);
  write_file(tmp / "c" / "case.json", json);
  write_file(tmp / "c" / "s.sse", "data: x\n\n");
  auto r = load_case(tmp / "c", "c");
  REQUIRE_MESSAGE(r.ok(), r.error().str());
  return r.value(); // everything is in memory: the folder may go
}

std::string text_of(const rapidjson::Value &v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return buffer.GetString();
}

} // namespace

TEST_CASE("corpus.expectation-merges-default-and-parser") {
  Case c = case_with_expect(R"({
    "default": {"events": 3, "done": true, "findings": {"sse.payload-on-next-line": 2}},
    "whatwg": {"events": 0, "usage": null}})");
  auto w = expectation_for(c, "whatwg");
  REQUIRE(w);
  CHECK(text_of(*w) ==
        R"({"events":0,"done":true,"findings":{"sse.payload-on-next-line":2},"usage":null})");
  auto t = expectation_for(c, "tolerant");
  REQUIRE(t);
  CHECK(text_of(*t) == R"({"events":3,"done":true,"findings":{"sse.payload-on-next-line":2}})");
  CHECK(expectation_parsers(c) == std::vector<std::string>{"whatwg"});
}

TEST_CASE("corpus.expectation-merge-is-shallow") {
  Case c = case_with_expect(R"({
    "default": {"findings": {"sse.a": 1, "sse.b": 2}},
    "lines": {"findings": {"sse.c": 3}}})");
  auto l = expectation_for(c, "lines");
  REQUIRE(l);
  CHECK(text_of(*l) == R"({"findings":{"sse.c":3}})");
}

TEST_CASE("corpus.expectation-absent") {
  Case none = case_with_expect("{}");
  CHECK_FALSE(expectation_for(none, "tolerant"));
  CHECK_FALSE(expectation_for(none, "default"));
  CHECK(expectation_parsers(none).empty());

  Case only_parser = case_with_expect(R"({"whatwg": {"events": 0}})");
  CHECK_FALSE(expectation_for(only_parser, "tolerant"));
  auto w = expectation_for(only_parser, "whatwg");
  REQUIRE(w);
  CHECK(text_of(*w) == R"({"events":0})");
}

TEST_CASE("corpus.expectation-seed-000") {
  use_repo_schemas();
  auto r = load_case(kSeed000Dir, "seeds/000_c359a6ca5f32f75d");
  REQUIRE_MESSAGE(r.ok(), r.error().str());
  auto tolerant = expectation_for(*r, "tolerant");
  auto whatwg = expectation_for(*r, "whatwg");
  auto lines = expectation_for(*r, "lines");
  REQUIRE(tolerant);
  REQUIRE(whatwg);
  REQUIRE(lines);
  CHECK((*tolerant)["events"].GetInt() == 23);
  CHECK(std::string((*tolerant)["choices"][0]["text"].GetString()) ==
        "Yo, what's gbom? Ready to dive into o quequer que voc\xC3\xAA're pondering abfora today?");
  CHECK((*tolerant)["usage"]["total_tokens"].GetInt() == 26);
  CHECK((*whatwg)["events"].GetInt() == 0);
  CHECK((*whatwg)["usage"].IsNull());
  CHECK((*whatwg)["errors"].IsArray()); // from default
  CHECK((*lines)["events"].GetInt() == 21);
  CHECK(std::string((*lines)["choices"][0]["text"].GetString()) ==
        "Yo, whatbom? Ready to dive into o quequer que voc\xC3\xAA're pondering abfora today?");
  CHECK((*lines)["usage"]["total_tokens"].GetInt() == 0);
}

TEST_CASE("corpus.expectation-seed-004") {
  use_repo_schemas();
  auto r = load_case(kSeed004Dir, "seeds/004_424fe411654300b4");
  REQUIRE_MESSAGE(r.ok(), r.error().str());
  auto tolerant = expectation_for(*r, "tolerant");
  auto whatwg = expectation_for(*r, "whatwg");
  REQUIRE(tolerant);
  REQUIRE(whatwg);
  CHECK((*tolerant)["events"].GetInt() == 81);
  CHECK((*tolerant)["done"].GetBool());
  const rapidjson::Value &text = (*tolerant)["choices"][0]["text"];
  CHECK(text.GetStringLength() == 363);
  CHECK(std::string(text.GetString())
            .ends_with("the quest for understanding the question continues!"));
  CHECK((*tolerant)["usage"]["reasoning_tokens"].IsNull());
  CHECK((*whatwg)["events"].GetInt() == 80);
  CHECK_FALSE((*whatwg)["done"].GetBool());
  CHECK((*whatwg)["choices"][0]["finish_reason"] == "stop");
}

TEST_CASE("corpus.rule-id-syntax") {
  CHECK(is_rule_id("sse.payload-on-next-line"));
  CHECK(is_rule_id("chat.finish-reason-2x"));
  CHECK(is_rule_id("a.b"));
  for (const char *bad :
       {"", "sse", "sse.", ".x", "SSE.x", "sse.X", "sse.x y", "sse.x_y", "s1.x", "sse.x.y"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_rule_id(bad));
  }
}

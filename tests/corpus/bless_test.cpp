// corpus.bless-* / corpus.deviations-*: what bless writes for a case, and the known-deviations file
// it reads.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "corpus/bless.hpp"
#include "corpus/case.hpp"
#include "corpus/deviations.hpp"
#include "corpus_test_support.hpp"
#include "pipeline/implementation.hpp"

using namespace corpus_test;
namespace corpus = harness::corpus;

namespace {

// The last event has no blank line after it: tolerant dispatches it, whatwg discards it.
const std::string kNoFinalBlank =
    "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n"
    "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n";

corpus::Case load(const fs::path &dir, const std::string &id) {
  use_repo_schemas();
  auto c = corpus::load_case(dir, id);
  REQUIRE_MESSAGE(c.ok(), c.error().str());
  return std::move(c.value());
}

/// A case folder at `dir` with `stream` and case.json whose expect is `expect`.
void make_case_with(const fs::path &dir, const std::string &stream, const std::string &expect) {
  write_file(dir / "stream.sse", stream);
  std::string json = minimal_case_json("stream.sse");
  json.replace(json.find("\"expect\": {}"), 12, "\"expect\": " + expect);
  write_file(dir / "case.json", json);
}

bool has_dispute(const corpus::Blessing &b, const std::string &impl) {
  return std::any_of(b.disputes.begin(), b.disputes.end(),
                     [&](const corpus::Dispute &d) { return d.impl == impl; });
}

} // namespace

TEST_CASE("corpus.bless-writes-default-from-tolerant-and-disputes-the-rest") {
  TempDir tmp;
  const auto dir = tmp / "corpus" / "t" / "case";
  make_case_with(dir, kNoFinalBlank, "{}");
  const corpus::Case c = load(dir, "t/case");
  auto b = corpus::bless_case(c, {});
  REQUIRE(b.ok());
  CHECK(b->changed);
  const auto &def = b->document["expect"]["default"];
  CHECK(def["events"].GetUint64() == 2);
  CHECK(def["done"].IsFalse());
  CHECK(std::string(def["choices"][0]["text"].GetString()) == "Hi");
  CHECK(def["findings"]["sse.unterminated-event"].GetUint64() == 1);
  CHECK(def["raised"].IsNull());
  CHECK(b->document["expect"].MemberCount() == 1); // nobody acknowledged a difference
  CHECK(has_dispute(*b, "whatwg"));
  REQUIRE(b->document.HasMember("disputed"));
  CHECK(std::string(b->document["disputed"][0]["impl"].GetString()) == b->disputes[0].impl);
  CHECK(b->new_text.find("\"disputed\": [") != std::string::npos);
  // What bless writes is a valid case.json.
  auto valid = corpus::validate_against(b->document, corpus::kCaseSchema, "blessed");
  CHECK_MESSAGE(valid.ok(), (valid.ok() ? "" : valid.error().str()));
}

TEST_CASE("corpus.bless-refreshes-acknowledged-entries-and-drops-the-dispute") {
  TempDir tmp;
  const auto dir = tmp / "corpus" / "t" / "case";
  make_case_with(dir, kNoFinalBlank, "{}");
  auto first = corpus::bless_case(load(dir, "t/case"), {});
  REQUIRE(first.ok());
  REQUIRE_FALSE(first->disputes.empty());

  // Acknowledge every disputed implementation with an (empty) entry of its own.
  std::string entries = "{\"default\": {}";
  for (const auto &d : first->disputes)
    entries += ", \"" + d.impl + "\": {}";
  entries += "}";
  make_case_with(dir, kNoFinalBlank, entries);
  auto second = corpus::bless_case(load(dir, "t/case"), {});
  REQUIRE(second.ok());
  CHECK(second->disputes.empty());
  CHECK_FALSE(second->document.HasMember("disputed"));
  for (const auto &d : first->disputes) {
    CAPTURE(d.impl);
    CHECK(std::find(second->refreshed.begin(), second->refreshed.end(), d.impl) !=
          second->refreshed.end());
    const auto &entry = second->document["expect"][d.impl.c_str()];
    CHECK(entry.HasMember("events")); // the full result, same keys as default
    CHECK(entry.HasMember("findings"));
  }
  CHECK(second->document["expect"]["whatwg"]["events"].GetUint64() == 1);

  // Written and blessed again: nothing changes.
  REQUIRE(corpus::write_blessing(load(dir, "t/case"), *second).ok());
  auto third = corpus::bless_case(load(dir, "t/case"), {});
  REQUIRE(third.ok());
  CHECK_FALSE(third->changed);
  CHECK(third->old_text == third->new_text);
}

TEST_CASE("corpus.bless-drops-entries-that-no-longer-differ-and-keeps-unknown-ones") {
  TempDir tmp;
  const auto dir = tmp / "corpus" / "t" / "case";
  const std::string clean = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},"
                            "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
  make_case_with(dir, clean,
                 R"({"default": {}, "tolerant": {"events": 7}, "whatwg": {"events": 99},
                     "no-such-impl": {"done": true}})");
  auto b = corpus::bless_case(load(dir, "t/case"), {});
  REQUIRE(b.ok());
  CHECK_FALSE(has_dispute(*b, "whatwg"));
  CHECK_FALSE(b->document["expect"].HasMember("whatwg"));
  CHECK_FALSE(b->document["expect"].HasMember("tolerant"));
  CHECK(b->document["expect"].HasMember("no-such-impl"));
  REQUIRE(b->kept.size() == 1);
  CHECK(b->kept[0].find("no-such-impl") != std::string::npos);
}

TEST_CASE("corpus.bless-listed-deviation-writes-nothing-for-that-impl") {
  TempDir tmp;
  const auto dir = tmp / "corpus" / "t" / "case";
  make_case_with(dir, kNoFinalBlank, "{}");
  std::vector<corpus::Deviation> devs(1);
  devs[0].impl = "whatwg";
  devs[0].case_glob = "t/*";
  devs[0].expect = std::make_shared<rapidjson::Document>();
  auto b = corpus::bless_case(load(dir, "t/case"), devs);
  REQUIRE(b.ok());
  CHECK_FALSE(has_dispute(*b, "whatwg"));
  CHECK(std::find(b->deviating.begin(), b->deviating.end(), "whatwg") != b->deviating.end());
  CHECK_FALSE(b->document["expect"].HasMember("whatwg"));
  // An entry for a variant is not about the case's own stream.
  devs[0].variant = "crlf";
  auto v = corpus::bless_case(load(dir, "t/case"), devs);
  REQUIRE(v.ok());
  CHECK(has_dispute(*v, "whatwg"));
}

TEST_CASE("corpus.bless-deviation-fields-must-cover-every-difference") {
  TempDir tmp;
  const auto dir = tmp / "corpus" / "t" / "case";
  make_case_with(dir, kNoFinalBlank, "{}");
  std::vector<corpus::Deviation> devs(1);
  devs[0].impl = "whatwg";
  devs[0].case_glob = "t/*";
  devs[0].expect = std::make_shared<rapidjson::Document>();
  devs[0].fields = {"choices[*].text"}; // whatwg differs elsewhere (the lost last event)
  auto b = corpus::bless_case(load(dir, "t/case"), devs);
  REQUIRE(b.ok());
  CHECK(has_dispute(*b, "whatwg"));
  devs[0].fields = {"*"};
  b = corpus::bless_case(load(dir, "t/case"), devs);
  REQUIRE(b.ok());
  CHECK_FALSE(has_dispute(*b, "whatwg"));
}

TEST_CASE("corpus.deviations-difference-paths") {
  CHECK(corpus::difference_path("choices[0].role: first difference at byte 9") ==
        "choices[0].role");
  CHECK(corpus::difference_path("findings: unexpected done.missing x1") == "findings");
  CHECK(corpus::covers({}, "anything"));
  CHECK(corpus::covers({"choices[*].role"}, "choices[2].role"));
  CHECK(corpus::covers({"usage.*", "raised"}, "usage.total_tokens"));
  CHECK_FALSE(corpus::covers({"usage.*"}, "usage"));
  CHECK_FALSE(corpus::covers({"choices[*].role"}, "choices[0].text"));
}

TEST_CASE("corpus.bless-deviations-file-location") {
  CHECK(corpus::deviations_path_for("/x/corpus/streams/a/b") == fs::path("/x/corpus/deviations.json"));
  CHECK(corpus::deviations_path_for("/x/corpus/b/") == fs::path("/x/corpus/deviations.json"));
  CHECK(corpus::deviations_path_for("/x/y/b").empty());
}

TEST_CASE("corpus.deviations-glob") {
  CHECK(corpus::glob_match("seeds/000_c359a6ca5f32f75d", "seeds/000_c359a6ca5f32f75d"));
  CHECK(corpus::glob_match("seeds/*", "seeds/000_c359a6ca5f32f75d"));
  CHECK(corpus::glob_match("*", "streams/openai/x"));
  CHECK(corpus::glob_match("streams/*/x", "streams/openai/x"));
  CHECK(corpus::glob_match("*a*b*", "xxaxxbxx"));
  CHECK_FALSE(corpus::glob_match("seeds/*", "streams/seeds/a"));
  CHECK_FALSE(corpus::glob_match("a*c", "abcd"));
  CHECK_FALSE(corpus::glob_match("", "a"));
  corpus::Deviation d;
  d.impl = "openai-node";
  d.case_glob = "seeds/*";
  CHECK(corpus::matches(d, "seeds/x", "openai-node"));
  CHECK_FALSE(corpus::matches(d, "seeds/x", "openai-go"));
}

TEST_CASE("corpus.deviations-file-is-read-and-checked") {
  TempDir tmp;
  auto none = corpus::load_deviations(tmp / "deviations.json");
  REQUIRE(none.ok());
  CHECK(none->empty());

  write_file(tmp / "deviations.json", R"({"deviations_format": 1, "deviations": [
    {"impl": "openai-node", "case": "seeds/000_c359a6ca5f32f75d", "reason": "drops events",
     "link": "https://example.invalid/1", "expect": {"events": 0}},
    {"impl": "whatwg", "case": "streams/*", "variant": "crlf", "extra": true,
     "fields": ["done", "choices[*].text"]}]})");
  auto devs = corpus::load_deviations(tmp / "deviations.json");
  REQUIRE_MESSAGE(devs.ok(), devs.error().str());
  REQUIRE(devs->size() == 2);
  const auto &first = (*devs)[0];
  CHECK(first.impl == "openai-node");
  CHECK(first.case_glob == "seeds/000_c359a6ca5f32f75d");
  CHECK(first.reason == "drops events");
  CHECK(first.link == "https://example.invalid/1");
  CHECK_FALSE(first.variant);
  REQUIRE(first.expect);
  CHECK((*first.expect)["events"].GetInt() == 0);
  CHECK((*devs)[1].variant == std::string("crlf"));
  CHECK((*devs)[1].expect->IsObject());
  CHECK(first.fields.empty());
  CHECK((*devs)[1].fields == std::vector<std::string>{"done", "choices[*].text"});

  auto error_of = [&](const std::string &text) {
    write_file(tmp / "bad.json", text);
    auto r = corpus::load_deviations(tmp / "bad.json");
    REQUIRE_FALSE(r.ok());
    return r.error().str();
  };
  CHECK(error_of("{").find("invalid JSON") != std::string::npos);
  CHECK(error_of(R"({"deviations_format": 2, "deviations": []})").find("must be 1") !=
        std::string::npos);
  CHECK(error_of(R"({"deviations_format": 1, "deviations": [{"impl": "x", "case": "a",
                                                                 "fields": []}]})")
            .find("/deviations/0/fields") != std::string::npos);
  CHECK(error_of(R"({"deviations_format": 1, "deviations": [{"case": "a"}]})")
            .find("/deviations/0: \"impl\"") != std::string::npos);
  CHECK(error_of(R"({"deviations_format": 1, "deviations": [{"impl": "x", "case": "a", "reason": 3}]})")
            .find("/deviations/0/reason") != std::string::npos);
}

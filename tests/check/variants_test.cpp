// check.variants.*: each metamorphic rewrite does exactly what variants.hpp says, and the derived
// expectations hold for the harness's parsers.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "check/variant_check.hpp"
#include "pipeline/implementation.hpp"
#include "variants/variants.hpp"

using harness::variants::derive;
using harness::variants::Kind;

namespace {

const std::string kStream = "data: {\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\n\n"
                            "data: [DONE]\n\n";
const std::vector<uint64_t> kOffsets{0, 35};

std::string variant(Kind k, const std::string &s = kStream,
                    const std::vector<uint64_t> &offsets = kOffsets) {
  auto v = derive(k, s, offsets);
  return v ? *v : "(does not apply)";
}

/// A small chat stream with a role, two content chunks, a finish and [DONE].
const std::string kChat =
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
    "\"assistant\",\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
    "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
    "\"lo\"},\"finish_reason\":\"stop\"}]}\n\n"
    "data: [DONE]\n\n";

} // namespace

TEST_CASE("check.variants.rewrites") {
  CHECK(variant(Kind::crlf) ==
        "data: {\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\r\n\r\ndata: [DONE]\r\n\r\n");
  CHECK(variant(Kind::cr) == "data: {\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\r\rdata: [DONE]\r\r");
  CHECK(variant(Kind::cr, "a\r\nb\n") == "a\rb\r");
  CHECK(variant(Kind::bom) == "\xEF\xBB\xBF" + kStream);
  CHECK(variant(Kind::bom, "\xEF\xBB\xBFx") == "(does not apply)");
  CHECK(variant(Kind::comments) ==
        "data: {\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\n\n: keep-alive\ndata: [DONE]\n\n");
  CHECK(variant(Kind::comments, "data: x\n\n", {0}) == "(does not apply)");
  CHECK(variant(Kind::no_space) == "data:{\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\n\ndata:[DONE]\n\n");
  // Cut only after commas between top-level members: not inside [1,2], not inside "x,y".
  CHECK(variant(Kind::multiline) == "data: {\"a\":1,\ndata: \"b\":[1,2],\ndata: \"c\":\"x,y\"}\n\n"
                                    "data: [DONE]\n\n");
  CHECK(variant(Kind::multiline, "data: {\"a\":1}\n\n") == "(does not apply)");
  CHECK(variant(Kind::no_final_blank) == "data: {\"a\":1,\"b\":[1,2],\"c\":\"x,y\"}\n\n"
                                         "data: [DONE]\n");
  CHECK(variant(Kind::no_final_blank, "data: x\n") == "(does not apply)");
  CHECK(variant(Kind::no_final_blank, "data: x\r\n\r\n") == "data: x\r\n");
}

TEST_CASE("check.variants.comments-go-between-events-without-blank-lines") {
  // Seed 000's shape: no blank lines, so event boundaries come from the parser's event offsets.
  CHECK(variant(Kind::comments, "data: 1\ndata: 2\n", {0, 8}) == "data: 1\n: keep-alive\ndata: 2\n");
}

TEST_CASE("check.variants.parsers-keep-the-derived-result") {
  for (const char *name : {"whatwg", "tolerant"}) {
    CAPTURE(name);
    const auto *impl = harness::pipeline::find_implementation(name);
    REQUIRE(impl);
    const auto checks = harness::check::check_variants(
        kChat, *impl, "openai-chat", impl->drops_unterminated_event,
        {harness::split::Split{}, harness::split::Split{harness::split::Split::Kind::bytes, 1}});
    CHECK(checks.size() == 7); // every variant applies to kChat
    for (const auto &c : checks) {
      CAPTURE(c.variant);
      for (const auto &p : c.problems)
        MESSAGE(p);
      CHECK(c.passed);
    }
  }
}

TEST_CASE("check.variants.a-wrong-drop-policy-is-caught") {
  // whatwg drops the unterminated [DONE] event; claiming it keeps it must fail no-final-blank.
  const auto *whatwg = harness::pipeline::find_implementation("whatwg");
  const auto checks = harness::check::check_variants(kChat, *whatwg, "openai-chat", false,
                                                     {harness::split::Split{}});
  bool seen = false;
  for (const auto &c : checks)
    if (c.variant == "no-final-blank") {
      seen = true;
      CHECK_FALSE(c.passed);
      REQUIRE_FALSE(c.problems.empty());
      CHECK(c.problems.front().find("done") != std::string::npos);
    }
  CHECK(seen);
}

TEST_CASE("check.variants.lines-parser-breaks-on-multiline") {
  // The naive `lines` client takes each data: line as one payload: spreading JSON breaks it, which
  // the variant check must report (the corpus lists it as a known deviation).
  const auto *lines = harness::pipeline::find_implementation("lines");
  const auto checks = harness::check::check_variants(kChat, *lines, "openai-chat", false,
                                                     {harness::split::Split{}});
  for (const auto &c : checks)
    if (c.variant == "multiline")
      CHECK_FALSE(c.passed);
}

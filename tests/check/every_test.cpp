// check.every-*: `check_stream` with the `every` split: a failing split names the first failing
// point and its first differing parser call, as a full replay per point finds them.
#include <doctest/doctest.h>

#include <string>

#include "check/check.hpp"
#include "dialect/dialect.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"
#include "pipeline/split_sensitive.hpp"

namespace pl = harness::pipeline;
using harness::split::Split;

namespace {

const std::string kStream = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n";

harness::check::StreamCheck check_every(const pl::Implementation &impl) {
  auto every = harness::split::parse_spec("every");
  REQUIRE(every.ok());
  return harness::check::check_stream(kStream, impl, harness::dialect::kOpenAiChat, nullptr,
                                      {*every});
}

} // namespace

TEST_CASE("check.every-names-the-first-failing-point-and-call") {
  for (const auto make : {harness::test::make_eager_parser, harness::test::make_late_parser}) {
    const auto impl = harness::test::split_sensitive_impl("split-sensitive", make);
    const pl::ParserTrace whole(kStream, impl, Split{});
    const pl::SplitPoints full =
        pl::check_split_points(kStream, impl, whole, pl::SplitPointMethod::full_replay);
    REQUIRE(full.failing > 1);

    const auto sc = check_every(impl);
    REQUIRE(sc.splits.size() == 1);
    const auto &problems = sc.splits[0].problems;
    REQUIRE(problems.size() >= 3);
    CHECK(problems.front() == "split at:" + std::to_string(full.first) +
                                  " changes the parser's calls: " + full.difference);
    // The first failing split's effect on the result: the test parser's lines are no SSE events
    // of the chat dialect, so the reassembled result may or may not differ; either is said.
    CHECK(problems[1].find("split at:" + std::to_string(full.first) + " ") == 0);
    CHECK(problems.back() == "split every: " + std::to_string(full.failing) +
                                 " split points change the parser's calls (the first one shown)");
    CHECK(sc.split_points == full.points - full.failing);
    CHECK_FALSE(sc.passed);
  }
}

TEST_CASE("check.every-passes-a-split-invariant-parser") {
  for (const auto &impl : pl::implementations()) {
    if (!pl::handles(impl, harness::dialect::kOpenAiChat))
      continue; // kStream is a chat stream (google-genai-python reads gemini only)
    CAPTURE(std::string(impl.name));
    const auto sc = check_every(impl);
    REQUIRE(sc.splits.size() == 1);
    CHECK(sc.splits[0].problems.empty());
    CHECK(sc.split_points == kStream.size() - 1);
  }
}

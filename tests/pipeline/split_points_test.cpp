// pipeline.split-points-*: the shortcut of pipeline/split_points.hpp decides every split point as a
// full replay per point does: the same failing points, the same first one, the same first
// differing call.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "corpus/discover.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"
#include "pipeline/split_sensitive.hpp"
#include "variants/variants.hpp"

namespace pl = harness::pipeline;
using harness::split::Split;

namespace {

/// Full replays cost n^2 bytes per stream and implementation: only streams up to this size.
constexpr size_t kFullReplayMaxBytes = 1600;

struct Verdicts {
  pl::SplitPoints fast, full;
};

/// Both methods on `stream` through `impl`; doctest CHECKs that they agree.
Verdicts compare_methods(const std::string &label, std::string_view stream,
                         const pl::Implementation &impl) {
  CAPTURE(label);
  CAPTURE(std::string(impl.name));
  const pl::ParserTrace whole(stream, impl, Split{});
  Verdicts v{pl::check_split_points(stream, impl, whole),
             pl::check_split_points(stream, impl, whole, pl::SplitPointMethod::full_replay)};
  CHECK(v.fast.points == (stream.size() < 2 ? 0 : stream.size() - 1));
  CHECK(v.fast.points == v.full.points);
  CHECK(v.fast.failing == v.full.failing);
  CHECK(v.fast.first == v.full.first);
  CHECK(v.fast.difference == v.full.difference);
  CHECK_FALSE(v.full.shortcut);
  return v;
}

/// Split points K where [0,K) ends inside an LF-terminated line.
uint64_t points_inside_lines(std::string_view stream) {
  uint64_t n = 0;
  for (size_t k = 1; k < stream.size(); ++k)
    n += stream[k - 1] != '\n';
  return n;
}

} // namespace

TEST_CASE("pipeline.split-points-shortcut-equals-full-replay-on-the-corpus") {
  auto cases = harness::corpus::discover({SSEH_CORPUS_DIR});
  REQUIRE(cases.ok());
  size_t compared = 0;
  for (const auto &c : *cases) {
    const std::string_view stream = c.capture.stream();
    if (stream.size() > kFullReplayMaxBytes)
      continue;
    std::vector<std::pair<std::string, std::string>> inputs = {{c.id, std::string(stream)}};
    // The line-end variants stress CR handling: CRLF across the split, bare CR, a leading BOM.
    for (const auto &variant : harness::variants::variants())
      if (variant.kind != harness::variants::Kind::comments &&
          variant.kind != harness::variants::Kind::multiline)
        if (auto bytes = harness::variants::derive(variant.kind, stream, {}))
          inputs.emplace_back(c.id + " " + std::string(variant.name), std::move(*bytes));
    for (const auto &[label, bytes] : inputs)
      for (const auto &impl : pl::implementations()) {
        const Verdicts v = compare_methods(label, bytes, impl);
        CHECK(v.fast.shortcut); // every implementation supports state copies
        ++compared;
      }
  }
  CHECK(compared >= 7 * 5 * 4); // several streams and variants through all seven
}

TEST_CASE("pipeline.split-points-shortcut-equals-full-replay-at-the-edges") {
  const std::vector<std::string> streams = {
      "",
      "d",
      "\r",
      "\r\n",
      "\n\r",
      "\xEF\xBB\xBF" "data: a\n\n",
      "\xEF\xBB\xBF\xEF\xBB\xBF" "data: a\r\n\r\n",
      "data: a\r\rdata: b\r\n\r\n: c\rdata: \xC3\xA9\r",
      "data:x\ndata\nid: 1\nretry: 9\nevent: e\n\nid: 2\x00\n\n",
      "data:\n{\"a\":1}\ndata: {\"b\":2}\ndata: [DONE]",
      "data: {\"x\":\"\xF0\x9F\x98\x80\xFF\"}\r\n\r\ndata: ",
  };
  for (const auto &stream : streams)
    for (const auto &impl : pl::implementations())
      compare_methods("edge \"" + stream + "\"", stream, impl);
}

TEST_CASE("pipeline.split-points-report-the-first-failing-point-and-call") {
  const std::string stream = "data: one\n\ndata: two\n\nid: 3\n";
  const auto whole_calls = [&](const pl::Implementation &impl) {
    return pl::ParserTrace(stream, impl, Split{}).records().size();
  };

  // The calls differ at once, at the split point; the states meet at the next line end.
  const auto eager = harness::test::split_sensitive_impl("eager", harness::test::make_eager_parser);
  Verdicts v = compare_methods("eager", stream, eager);
  CHECK(v.fast.shortcut);
  CHECK(v.fast.failing == points_inside_lines(stream));
  CHECK(v.fast.first == 1);
  CHECK(v.fast.difference.find("call 0: the whole stream makes event 0 \"message\" at 0") == 0);
  CHECK(v.fast.difference.find("the split finding test.split (warning) at 1, event 0: "
                               "\"cut inside a line at 1\"") != std::string::npos);

  // The states never meet: the difference is the last call, made by finish().
  const auto late = harness::test::split_sensitive_impl("late", harness::test::make_late_parser);
  v = compare_methods("late", stream, late);
  CHECK(v.fast.shortcut);
  CHECK(v.fast.failing == points_inside_lines(stream));
  CHECK(v.fast.first == 1);
  CHECK(v.fast.difference == "call " + std::to_string(whole_calls(late)) +
                                 ": the whole stream makes no call, the split finding test.split "
                                 "(warning) at " + std::to_string(stream.size()) + ", event " +
                                 std::to_string(std::count(stream.begin(), stream.end(), '\n')) +
                                 ": "
                                 "\"1 cuts inside lines\"");

  // Without state copies: full replays, the same verdict.
  const auto plain =
      harness::test::split_sensitive_impl("unsupported", harness::test::make_unsupported_parser);
  const Verdicts u = compare_methods("unsupported", stream, plain);
  CHECK_FALSE(u.fast.shortcut);
  CHECK(u.fast.failing == points_inside_lines(stream));

  // Even cuts at line ends change this one's calls: the shortcut proves nothing and steps aside.
  const auto per_feed =
      harness::test::split_sensitive_impl("per-feed", harness::test::make_per_feed_parser);
  v = compare_methods("per-feed", stream, per_feed);
  CHECK_FALSE(v.fast.shortcut);
  CHECK(v.fast.failing == stream.size() - 1);
}

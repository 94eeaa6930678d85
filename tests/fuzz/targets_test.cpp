// The fuzz targets (harness/fuzz/targets.hpp): the table covers every parser and dialect, every
// bundled case passes every target whole and split, each cross-check fires on a fake
// implementation built to break it, and `fuzz-run` behaves as a CLI.
#include <doctest/doctest.h>

#include "core/text.hpp"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "cli/process.hpp"
#include "corpus/discover.hpp"
#include "dialect/dialect.hpp"
#include "fuzz/split_encoding.hpp"
#include "fuzz/targets.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/replay.hpp"
#include "source/read_file.hpp"
#include "sse/parser.hpp"

namespace fz = harness::fuzz;
using harness::test::run_harness;
using harness::test::TempDir;

namespace {

std::string violation_text(const fz::Verdict &v) {
  return v ? v->property + " violated: " + v->detail : std::string();
}

/// A parser that emits one event per non-empty feed: its events depend on the split.
class PerFeedParser final : public harness::sse::Parser {
public:
  explicit PerFeedParser(harness::sse::EventSink &sink) : sink_(sink) {}
  void feed(std::string_view bytes) override {
    if (bytes.empty())
      return;
    harness::sse::Event e;
    e.type = "message";
    e.data = "{}";
    e.index = index_++;
    e.offset = e.data_offset = at_;
    at_ += bytes.size();
    sink_.on_event(e);
  }
  void finish() override {}

private:
  harness::sse::EventSink &sink_;
  uint64_t index_ = 0, at_ = 0;
};

std::unique_ptr<harness::sse::Parser> make_per_feed(harness::sse::EventSink &sink) {
  return std::make_unique<PerFeedParser>(sink);
}

/// A parser that emits one fixed event at its end, optionally with a repair finding first.
template <bool ReportRepair> class FixedParser final : public harness::sse::Parser {
public:
  explicit FixedParser(harness::sse::EventSink &sink) : sink_(sink) {}
  void feed(std::string_view) override {}
  void finish() override {
    if (ReportRepair)
      sink_.on_finding(harness::Finding{"sse.blank-line-missing", harness::Severity::error, 0, 0,
                                        "fake repair"});
    harness::sse::Event e;
    e.type = "message";
    e.data = "not what whatwg says";
    sink_.on_event(e);
  }

private:
  harness::sse::EventSink &sink_;
};

template <bool ReportRepair>
std::unique_ptr<harness::sse::Parser> make_fixed(harness::sse::EventSink &sink) {
  return std::make_unique<FixedParser<ReportRepair>>(sink);
}

/// A parser whose first event has index 1.
class SkippingParser final : public harness::sse::Parser {
public:
  explicit SkippingParser(harness::sse::EventSink &sink) : sink_(sink) {}
  void feed(std::string_view) override {}
  void finish() override {
    harness::sse::Event e;
    e.type = "message";
    e.index = 1;
    sink_.on_event(e);
  }

private:
  harness::sse::EventSink &sink_;
};

std::unique_ptr<harness::sse::Parser> make_skipping(harness::sse::EventSink &sink) {
  return std::make_unique<SkippingParser>(sink);
}

const harness::sse::ParserFactory kWhatwg = harness::pipeline::find_implementation("whatwg")->make_parser;

/// Every target on `input`; CHECKs that none reports a violation.
void check_all_targets(const std::string &label, const std::string &input) {
  for (const auto &t : fz::targets()) {
    const fz::Verdict v = t.check(input);
    INFO(label, " target ", t.name, ": ", violation_text(v));
    CHECK_FALSE(v.has_value());
  }
}

} // namespace

TEST_CASE("fuzz.targets.names_unique_and_built") {
  auto meson = harness::source::read_file(SSEH_SOURCE_ROOT "/fuzz/meson.build");
  REQUIRE(meson.ok());
  std::set<std::string_view> seen;
  for (const auto &t : fz::targets()) {
    INFO(t.name);
    CHECK(seen.insert(t.name).second);
    CHECK_FALSE(t.description.empty());
    // libFuzzer's -max_len (fuzz/entry.cpp): from 1 KiB (a few events) to 16 KiB (the longest
    // length measured).
    CHECK(t.max_len >= 1024);
    CHECK(t.max_len <= 16384);
    CHECK(fz::find_target(t.name) == &t);
    // fuzz/meson.build builds fuzz-<name> for each target of the table.
    CHECK(meson->find("'" + std::string(t.name) + "'") != std::string::npos);
  }
  CHECK(fz::find_target("no-such-target") == nullptr);
}

TEST_CASE("fuzz.targets.cover_every_parser_and_dialect") {
  bool any_profile = false;
  for (const auto &impl : harness::pipeline::implementations()) {
    INFO(impl.name);
    if (impl.kind == harness::pipeline::Kind::parser)
      CHECK(fz::find_target("parser-" + std::string(impl.name)) != nullptr);
    else
      any_profile = true; // all profiles run in parser-sdk
  }
  CHECK(any_profile);
  CHECK(fz::find_target("parser-sdk") != nullptr);
  for (const auto dialect : harness::dialect::dialects()) {
    INFO(dialect);
    CHECK(fz::find_target("decoder-" + std::string(dialect)) != nullptr);
  }
  for (const char *name : {"pipeline", "differential", "split-invariance"})
    CHECK(fz::find_target(name) != nullptr);
}

TEST_CASE("fuzz.targets.corpus_passes_plain_and_split") {
  auto cases = harness::corpus::discover({SSEH_CORPUS_DIR});
  REQUIRE(cases.ok());
  REQUIRE_FALSE(cases->empty());
  const uint16_t drip[] = {1};
  const uint16_t sevens[] = {7};
  const uint16_t with_empty_feeds[] = {0, 5, 0, 0, 64};
  for (const auto &c : *cases) {
    const std::string stream(c.capture.stream());
    check_all_targets(c.id + " plain", stream);
    check_all_targets(c.id + " drip", fz::encode_split(drip, stream));
    check_all_targets(c.id + " bytes:7", fz::encode_split(sevens, stream));
    check_all_targets(c.id + " with empty feeds", fz::encode_split(with_empty_feeds, stream));
  }
}

TEST_CASE("fuzz.targets.edge_inputs_pass") {
  const std::string inputs[] = {
      "",
      std::string(fz::kSplitMagic),
      std::string(fz::kSplitMagic) + std::string("\x02\x00", 2), // header cut short
      std::string(fz::kSplitMagic) + std::string("\x01\x00\x00", 3) + "data: {}\n\n", // all zero
      "data: x",
      "\r\r\n\n",
      "\xEF\xBB\xBF\xEF\xBB\xBF" "data: {}\n\n",
      "data:\n{\"a\":1}\n\n",
      "data: {\"choices\":[]}\ndata: {}\n\n",
      "id: 1\n\n:c",
      "data: \xff\xfe\n\nevent: \xc3\n\n",
      std::string("data: \0\nid: \0\n\n", 16),
  };
  for (const auto &input : inputs)
    check_all_targets("edge input \"" + harness::escaped_bytes(input, 80) + "\"", input);
}

TEST_CASE("fuzz.targets.split_invariance_fires_on_split_dependent_parser") {
  harness::pipeline::Implementation fake{"fake-per-feed", harness::pipeline::Kind::parser,
                                         "one event per feed", "", make_per_feed,
                                         harness::dialect::make_decoder};
  const uint16_t lengths[] = {2};
  const std::string input = fz::encode_split(lengths, "data: {}\n\n"); // `in` views into it
  const auto in = fz::decode_split(input);
  const fz::Verdict v = fz::check_split_invariance(in, fake, harness::dialect::kOpenAiChat);
  INFO(violation_text(v));
  REQUIRE(v.has_value());
  CHECK(v->property == "split-invariance");
  // A plain input is cut by 1, 3, 7 instead: still caught.
  CHECK(fz::check_split_invariance(fz::decode_split("data: {}\n\n"), fake,
                                   harness::dialect::kOpenAiChat)
            .has_value());
  // The real implementations hold on the same input.
  for (const auto &impl : harness::pipeline::implementations()) {
    const fz::Verdict real = fz::check_split_invariance(in, impl, harness::dialect::kOpenAiChat);
    INFO(impl.name, ": ", violation_text(real));
    CHECK_FALSE(real.has_value());
  }
}

TEST_CASE("fuzz.targets.differential_fires_on_disagreement_without_repair") {
  const auto in = fz::decode_split("data: {}\n\n");
  const fz::Verdict v = fz::check_differential(in, kWhatwg, make_fixed<false>);
  INFO(violation_text(v));
  REQUIRE(v.has_value());
  CHECK(v->property == "differential");
  // A repair finding excuses the difference.
  CHECK_FALSE(fz::check_differential(in, kWhatwg, make_fixed<true>).has_value());
  CHECK(fz::is_repair("sse.unterminated-event"));
  CHECK_FALSE(fz::is_repair("sse.invalid-utf8"));
}

TEST_CASE("fuzz.targets.parser_invariants_fire") {
  const auto in = fz::decode_split("data: {}\n\n");
  const fz::Verdict v = fz::check_parser(in, make_skipping, fz::EventRules::interface_only);
  INFO(violation_text(v));
  REQUIRE(v.has_value());
  CHECK(v->property == "event-index");
  // The per-feed parser's one event for a whole feed keeps every rule.
  CHECK_FALSE(fz::check_parser(in, make_per_feed, fz::EventRules::whatwg).has_value());
}

TEST_CASE("fuzz.targets.fuzz_run_cli") {
  TempDir dir;
  dir.write("inputs/b", "data: {}\n\n");
  dir.write("inputs/sub/a", "\xffSP1\x01\x01\x00" "data: {}\n\n");
  auto r = run_harness({"fuzz-run", "--target", "split-invariance", dir.path() + "/inputs"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("split-invariance: replayed 2 inputs") == 0);

  r = run_harness({"fuzz-run", "--target", "no-such-target", dir.path()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown target 'no-such-target'") != std::string::npos);
  CHECK(r.err.find('\n') == r.err.size() - 1);

  r = run_harness({"fuzz-run", "--target", "pipeline", dir.path() + "/missing"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find('\n') == r.err.size() - 1);

  r = run_harness({"fuzz-run", "--list"});
  CHECK(r.exit_code == 0);
  for (const auto &t : fz::targets())
    CHECK(r.out.find(std::string(t.name)) != std::string::npos);
}

// Found by the sanitized CI run of `pipeline`: openai-python raised on the raw control character in
// event 0 (Python's json.loads is strict) and so never saw event 1's invalid UTF-8; the property
// had demanded that finding in its result.
TEST_CASE("fuzz.targets.a-profile-that-raised-keeps-no-later-findings") {
  const std::string stream =
      "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":"
      "{\"content\":\"a\x01" "b\"}}]}\n\n"
      "data: {\"obje\xb7t\":\"chat.completion.chunk\",\"choices\":[]}\n\n"
      "data: [DONE]\n\n";
  const harness::pipeline::Implementation *python =
      harness::pipeline::find_implementation("openai-python");
  REQUIRE(python != nullptr);
  const auto result = harness::pipeline::replay(stream, *python, harness::dialect::kOpenAiChat,
                                                harness::split::Split{});
  REQUIRE(result.raised.has_value()); // the premise: the client raised on event 0
  check_all_targets("raised, then invalid UTF-8", stream);
}

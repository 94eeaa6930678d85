#include <doctest/doctest.h>

#include <string>

#include "bench/generate.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/replay.hpp"

using namespace harness;

namespace {

/// Every finding above info, one per line, for a readable failure.
std::string problems(const StreamResult &r) {
  std::string out;
  for (const auto &f : r.findings)
    if (f.severity != Severity::info)
      out += f.rule + " at " + std::to_string(f.offset) + ": " + f.message + "\n";
  return out;
}

} // namespace

TEST_CASE("bench.every-shape-is-a-clean-stream-that-reassembles-to-what-was-generated") {
  for (const auto &shape : bench::shapes()) {
    CAPTURE(shape.name);
    const auto g = shape.generate(200 * 1000, 7);
    CHECK(g.bytes.size() >= 200 * 1000);
    CHECK(g.bytes.size() < 220 * 1000);
    CHECK(g.bytes == shape.generate(200 * 1000, 7).bytes); // deterministic
    CHECK(g.bytes != shape.generate(200 * 1000, 8).bytes); // the seed matters
    for (const auto &impl : pipeline::implementations()) {
      if (impl.kind != pipeline::Kind::parser)
        continue;
      CAPTURE(impl.name);
      const auto r = pipeline::replay(g.bytes, impl, shape.dialect, split::Split{});
      CHECK(problems(r) == "");
      CHECK(r.errors.empty());
      CHECK(r.done);
      CHECK(r.events == g.events);
      REQUIRE(r.choices.size() == 1);
      const Choice &c = r.choices[0];
      CHECK(c.role == std::optional<std::string>("assistant"));
      CHECK(c.text == g.text);
      CHECK(c.reasoning == g.reasoning);
      CHECK(c.finish_reason.has_value());
      REQUIRE(c.tool_calls.size() == g.arguments.size());
      for (size_t i = 0; i < g.arguments.size(); ++i)
        CHECK(c.tool_calls[i].arguments == g.arguments[i]);
      CHECK(r.usage.has_value());
      CHECK(pipeline::replay(g.bytes, impl, shape.dialect,
                             split::Split{split::Split::Kind::random, 3}) == r);
    }
  }
}

TEST_CASE("bench.shapes-are-found-by-name") {
  REQUIRE(bench::shapes().size() >= 5);
  for (const auto &shape : bench::shapes())
    CHECK(bench::find_shape(shape.name) == &shape);
  CHECK(bench::find_shape("no-such-shape") == nullptr);
  CHECK(bench::shapes()[0].name == "openai-chat");
}

// sse.state-*: Parser::copy_state and same_state, for every implementation's parser (the harness's
// parsers and the SDK profiles'): a copy is exact, equal bytes give equal states whatever the
// feeds, and states that would make different calls never compare equal.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "pipeline/implementation.hpp"
#include "pipeline/trace.hpp"
#include "sse/parser.hpp"

namespace sse = harness::sse;
using harness::pipeline::Implementation;
using harness::pipeline::implementations;

namespace {

/// Every call, described, so that two runs can be compared.
class Log final : public sse::EventSink {
public:
  void on_event(const sse::Event &e) override { calls.push_back(harness::pipeline::describe(e)); }
  void on_finding(harness::Finding f) override {
    calls.push_back(harness::pipeline::describe(f));
  }
  std::vector<std::string> calls;
};

struct Fed {
  Log log;
  std::unique_ptr<sse::Parser> parser;
};

/// A parser of `impl` fed `bytes` whole, or one byte per feed when `drip`.
std::unique_ptr<Fed> fed(const Implementation &impl, std::string_view bytes, bool drip = false) {
  auto f = std::make_unique<Fed>();
  f->parser = impl.make_parser(f->log);
  if (!drip)
    f->parser->feed(bytes);
  else
    for (size_t i = 0; i < bytes.size(); ++i)
      f->parser->feed(bytes.substr(i, 1));
  return f;
}

/// The calls `f` makes for `rest` and finish().
std::vector<std::string> future(Fed &f, std::string_view rest) {
  f.log.calls.clear();
  f.parser->feed(rest);
  f.parser->finish();
  return f.log.calls;
}

const std::vector<std::string> kPrefixes = {
    "data: a",
    "data: {\"a\":1}\nid: 7\nevent: x\n",
    "data: b\r",
    ": c\rdata:b\r\n\r\ndata: ",
    "\xEF\xBB\xBF" "data: \xC3\xA9\xFF\n",
    "data:\n",
    "retry: 5\nid: 1\n\nev",
};

const std::vector<std::string> kRests = {"",         "\n",       "\n\n", "x\r\n\r\n",
                                         "\r\r", "data:z\n\n", "data: z\n\ndata: [DONE]"};

} // namespace

TEST_CASE("sse.state-copies-are-exact-and-ignore-how-the-bytes-came") {
  for (const auto &impl : implementations())
    for (const auto &prefix : kPrefixes) {
      CAPTURE(std::string(impl.name));
      CAPTURE(prefix);
      auto whole = fed(impl, prefix);
      auto drip = fed(impl, prefix, true);
      CHECK(whole->parser->same_state(*drip->parser));
      CHECK(drip->parser->same_state(*whole->parser));
      Fed copy;
      copy.parser = impl.make_parser(copy.log);
      REQUIRE(copy.parser->copy_state(*whole->parser));
      CHECK(copy.parser->same_state(*whole->parser));
      for (const auto &rest : kRests) {
        CAPTURE(rest);
        auto original = fed(impl, prefix);
        Fed again;
        again.parser = impl.make_parser(again.log);
        REQUIRE(again.parser->copy_state(*original->parser));
        CHECK(future(again, rest) == future(*original, rest));
        // copy_state also restarts a finished parser.
        REQUIRE(again.parser->copy_state(*whole->parser));
        CHECK(again.parser->same_state(*whole->parser));
      }
    }
}

TEST_CASE("sse.state-differs-when-the-future-calls-do") {
  // Pairs of prefixes that leave a parser in different states: the carried line, pending data,
  // type, id, a CR awaiting its LF, a bare CR seen, a once-per-stream note, pending data against
  // a dispatched event, the dispatch count, the offset.
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"data: a", "data: b"},
      {"data: a\n", "data: b\n"},
      {"event: a\n", "event: b\n"},
      {"id: 1\n\n", "id: 2\n\n"},
      {"data: a\r", "data: a\n"},
      {"a\rb\n", "a\nb\n"},
      {"data:xy\n\n", "data: x\n\n"},
      {"data: a\n\n", "data: a\nxx"},
      {"data: a\n\ndata: b\n\n", "data: a\n\n:xxxxxxx\n\n"},
      {"\n", "\n\n\n"},
  };
  for (const auto &pair : pairs) {
    const std::string &a = pair.first, &b = pair.second; // clang 14: no lambda capture of bindings
    CAPTURE(a);
    CAPTURE(b);
    size_t told_apart = 0; // implementations whose calls show the difference
    for (const auto &impl : implementations()) {
      CAPTURE(std::string(impl.name));
      bool differs = false;
      for (const auto &rest : kRests) {
        auto pa = fed(impl, a);
        auto pb = fed(impl, b);
        differs = differs || future(*pa, rest) != future(*pb, rest);
      }
      if (!differs)
        continue;
      ++told_apart;
      auto pa = fed(impl, a);
      auto pb = fed(impl, b);
      CHECK_FALSE(pa->parser->same_state(*pb->parser));
      CHECK_FALSE(pb->parser->same_state(*pa->parser));
    }
    CHECK(told_apart > 0); // the pair means something to some parser
  }
  // Parsers of different kinds or configurations are never in the same state.
  for (const auto &x : implementations())
    for (const auto &y : implementations())
      if (x.make_parser != y.make_parser)
        CHECK_FALSE(fed(x, "")->parser->same_state(*fed(y, "")->parser));
}

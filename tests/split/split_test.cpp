#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "split/split.hpp"

using namespace harness::split;

namespace {
std::vector<std::string> feeds(const Split &s, std::string_view bytes) {
  std::vector<std::string> out;
  for_each_feed(s, bytes, [&](std::string_view slice) { out.emplace_back(slice); });
  return out;
}
std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const auto &p : parts)
    out += p;
  return out;
}
} // namespace

TEST_CASE("split.parse.accepts-every-documented-form") {
  CHECK(parse_spec("whole")->split.kind == Split::Kind::whole);
  CHECK(parse_spec("drip")->split == Split{Split::Kind::bytes, 1});
  CHECK(parse_spec("bytes:7")->split == Split{Split::Kind::bytes, 7});
  CHECK(parse_spec("random:42")->split == Split{Split::Kind::random, 42});
  CHECK(parse_spec("every")->every);
  CHECK(parse_spec("bytes:7")->split.name() == "bytes:7");
  CHECK(parse_spec("drip")->split.name() == "drip");
}

TEST_CASE("split.parse.rejects-malformed-specs-with-a-reason") {
  for (const char *text : {"", "bytes", "bytes:", "bytes:0", "bytes:x", "bytes:-1", "chunks:3",
                           "random:1.5", "wholes"}) {
    CAPTURE(text);
    auto spec = parse_spec(text);
    REQUIRE_FALSE(spec.ok());
    CHECK(spec.error().message.find("bad split") != std::string::npos);
  }
}

TEST_CASE("split.feeds.cover-the-stream-exactly-once") {
  const std::string bytes = "data: {\"a\":1}\r\n\r\ndata: [DONE]\n\n";
  for (const char *text : {"whole", "drip", "bytes:2", "bytes:5", "bytes:4096", "random:1",
                           "random:99"}) {
    CAPTURE(text);
    auto parts = feeds(parse_spec(text)->split, bytes);
    CHECK(joined(parts) == bytes);
    for (const auto &p : parts)
      CHECK_FALSE(p.empty());
  }
  CHECK(feeds(parse_spec("drip")->split, bytes).size() == bytes.size());
  CHECK(feeds(parse_spec("bytes:5")->split, bytes).size() == (bytes.size() + 4) / 5);
  CHECK(feeds(parse_spec("whole")->split, "").empty());
}

TEST_CASE("split.random.is-deterministic-per-seed-and-differs-across-seeds") {
  const std::string bytes(5000, 'x');
  auto a = feeds(parse_spec("random:7")->split, bytes);
  auto b = feeds(parse_spec("random:7")->split, bytes);
  auto c = feeds(parse_spec("random:8")->split, bytes);
  CHECK(a == b);
  std::vector<size_t> sa, sc;
  for (auto &p : a)
    sa.push_back(p.size());
  for (auto &p : c)
    sc.push_back(p.size());
  CHECK(sa != sc);
}

TEST_CASE("split.every.expands-to-each-two-way-split-point") {
  auto splits = expand(*parse_spec("every"), 5);
  REQUIRE(splits.size() == 4);
  for (uint64_t k = 1; k <= 4; ++k) {
    auto parts = feeds(splits[k - 1], "abcde");
    REQUIRE(parts.size() == 2);
    CHECK(parts[0].size() == k);
    CHECK(joined(parts) == "abcde");
  }
  CHECK(expand(*parse_spec("every"), 1).empty());
  CHECK(expand(*parse_spec("bytes:3"), 100).size() == 1);
}

TEST_CASE("split.feeds-spec.parses-names-and-rejects-malformed-lists") {
  auto spec = parse_spec("feeds:3,0,17");
  REQUIRE(spec.ok());
  CHECK(spec->split.kind == Split::Kind::feeds);
  REQUIRE(spec->split.feeds);
  CHECK(*spec->split.feeds == std::vector<uint64_t>{3, 0, 17});
  CHECK(spec->split.name() == "feeds:3,0,17");
  CHECK(*parse_spec("feeds:0")->split.feeds == std::vector<uint64_t>{0});
  // The list is kept once per content: equal lists are equal splits, other lists are not.
  CHECK(parse_spec("feeds:3,0,17")->split == spec->split);
  CHECK_FALSE(parse_spec("feeds:3,0,18")->split == spec->split);
  CHECK(feeds_split({3, 0, 17}) == spec->split);
  for (const char *text : {"feeds:", "feeds:1,", "feeds:,1", "feeds:1,,2", "feeds:a", "feeds:-1",
                           "feeds:1 ,2"}) {
    CAPTURE(text);
    auto bad = parse_spec(text);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("bad split") != std::string::npos);
  }
}

TEST_CASE("split.feeds-spec.cycles-lengths-keeps-empty-feeds-and-ends-on-all-zero") {
  const std::string bytes = "data: abcdefgh\n\n"; // 16 bytes
  CHECK(feeds(parse_spec("feeds:5")->split, bytes) ==
        std::vector<std::string>{"data:", " abcd", "efgh\n", "\n"});
  // lengths 2, 0, 3 cycled: empty feeds are kept, as the fuzz split encoding feeds them
  CHECK(feeds(parse_spec("feeds:2,0,3")->split, bytes) ==
        std::vector<std::string>{"da", "", "ta:", " a", "", "bcd", "ef", "", "gh\n", "\n"});
  // a cycle that consumes nothing feeds the rest whole
  CHECK(feeds(parse_spec("feeds:0,0")->split, bytes) == std::vector<std::string>{"", "", bytes});
  CHECK(feeds(parse_spec("feeds:4,0")->split, "") .empty());
  CHECK(joined(feeds(parse_spec("feeds:1000")->split, bytes)) == bytes);
}

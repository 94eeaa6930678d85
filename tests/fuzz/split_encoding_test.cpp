#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz/split_encoding.hpp"

using namespace harness::fuzz;

namespace {
std::vector<std::string> feeds(std::string_view input) {
  std::vector<std::string> out;
  for_each_feed(decode_split(input), [&](std::string_view f) { out.emplace_back(f); });
  return out;
}
using Feeds = std::vector<std::string>;
} // namespace

TEST_CASE("fuzz.split.a-plain-input-is-the-stream-fed-whole") {
  const auto in = decode_split("data: x\n\n");
  CHECK_FALSE(in.encoded);
  CHECK(in.stream == "data: x\n\n");
  CHECK(feeds("data: x\n\n") == Feeds{"data: x\n\n"});
  CHECK(feeds("").empty());
  // Three bytes of the magic are no magic.
  CHECK_FALSE(decode_split(std::string_view("\xffSP", 3)).encoded);
}

TEST_CASE("fuzz.split.round-trips-and-cycles-the-lengths") {
  const std::vector<uint16_t> lengths{2, 3};
  const std::string input = encode_split(lengths, "abcdefghij");
  CHECK(input.size() == 4 + 1 + 4 + 10);
  const auto in = decode_split(input);
  CHECK(in.encoded);
  CHECK(in.stream == "abcdefghij");
  CHECK(in.lengths == lengths);
  CHECK(feeds(input) == Feeds{"ab", "cde", "fg", "hij"});
}

TEST_CASE("fuzz.split.lengths-are-little-endian-16-bit") {
  const std::string input = std::string(kSplitMagic) + std::string("\x01\x02\x01", 3) + "x";
  const auto in = decode_split(input);
  REQUIRE(in.lengths.size() == 1);
  CHECK(in.lengths[0] == 0x0102);
  CHECK(in.stream == "x");
}

TEST_CASE("fuzz.split.zero-lengths-are-empty-feeds-and-never-loop") {
  const std::vector<uint16_t> some_zero{0, 4};
  CHECK(feeds(encode_split(some_zero, "abcdef")) == Feeds{"", "abcd", "", "ef"});
  const std::vector<uint16_t> all_zero{0, 0};
  CHECK(feeds(encode_split(all_zero, "abc")) == Feeds{"", "", "abc"});
  CHECK(feeds(encode_split({}, "abc")) == Feeds{"abc"});
}

TEST_CASE("fuzz.split.a-header-cut-short-leaves-an-empty-stream") {
  for (const std::string &input : {std::string(kSplitMagic), std::string(kSplitMagic) + "\x02",
                                  std::string(kSplitMagic) + std::string("\x02\x01\x00\x01", 4)}) {
    CAPTURE(input.size());
    const auto in = decode_split(input);
    CHECK(in.encoded);
    CHECK(in.stream.empty());
    CHECK(feeds(input).empty());
  }
}

TEST_CASE("fuzz.split.feeds-join-to-the-stream-for-any-header") {
  // Every header byte pattern over a short stream: the feeds cover the stream exactly once.
  for (unsigned a = 0; a < 6; ++a)
    for (unsigned b = 0; b < 6; ++b) {
      const std::vector<uint16_t> lengths{static_cast<uint16_t>(a), static_cast<uint16_t>(b)};
      std::string joined;
      for (const auto &f : feeds(encode_split(lengths, "data: {\"a\":1}\n\n")))
        joined += f;
      CHECK(joined == "data: {\"a\":1}\n\n");
    }
  CHECK_THROWS_AS(encode_split(std::vector<uint16_t>(256, 1), "x"), std::length_error);
}

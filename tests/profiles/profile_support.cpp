#include "profiles/profile_support.hpp"

#include <doctest/doctest.h>

#include "dialect/dialect.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"

namespace profile_test {

namespace {

const harness::pipeline::Implementation &impl_named(std::string_view name) {
  const auto *impl = harness::pipeline::find_implementation(name);
  REQUIRE_MESSAGE(impl != nullptr, "no implementation named " << std::string(name));
  REQUIRE(impl->kind == harness::pipeline::Kind::profile);
  return *impl;
}

} // namespace

std::string_view dialect_of(std::string_view name) {
  const auto &impl = impl_named(name);
  for (std::string_view d : harness::dialect::dialects())
    if (impl.make_decoder(d) != nullptr)
      return d;
  FAIL("profile " << std::string(name) << " handles no dialect");
  return {};
}

harness::StreamResult run_slices(std::string_view name,
                                 const std::vector<std::string_view> &slices) {
  const auto &impl = impl_named(name);
  auto decoder = impl.make_decoder(dialect_of(name));
  REQUIRE(decoder != nullptr);
  auto parser = impl.make_parser(*decoder);
  for (std::string_view s : slices) {
    // A private copy that dies right after the feed: a parser keeping a view past feed() reads
    // freed memory (the sanitizer build notices; the others usually see different bytes).
    const std::string copy(s);
    parser->feed(copy);
  }
  parser->finish();
  return decoder->finish();
}

harness::StreamResult replay_all(std::string_view name, std::string_view bytes) {
  CAPTURE(std::string(name));
  const harness::StreamResult whole = run_slices(name, {bytes});

  std::vector<std::string_view> drip;
  for (size_t i = 0; i < bytes.size(); ++i) {
    drip.push_back(std::string_view());
    drip.push_back(bytes.substr(i, 1));
  }
  CHECK_MESSAGE(run_slices(name, drip) == whole, "byte by byte changes the result");

  if (bytes.size() > 4096) {
    const auto &impl = impl_named(name);
    const harness::pipeline::ParserTrace want(bytes, impl, {});
    const auto points = harness::pipeline::check_split_points(bytes, impl, want);
    CHECK_MESSAGE(points.failing == 0, "split at " << points.first << " changes the parser's calls: "
                                                   << points.difference);
    return whole;
  }

  for (size_t k = 1; k < bytes.size(); ++k) {
    const bool same = run_slices(name, {bytes.substr(0, k), bytes.substr(k)}) == whole;
    CHECK_MESSAGE(same, "split at " << k << " changes the result");
    if (!same)
      return whole;
  }
  if (bytes.size() <= 40)
    for (size_t a = 1; a < bytes.size(); ++a)
      for (size_t b = a + 1; b < bytes.size(); ++b) {
        const bool same = run_slices(name, {bytes.substr(0, a), bytes.substr(a, b - a),
                                            bytes.substr(b)}) == whole;
        CHECK_MESSAGE(same, "split at " << a << " and " << b << " changes the result");
        if (!same)
          return whole;
      }
  return whole;
}

std::string chunk(std::string_view delta, std::string_view finish, std::string_view extra,
                  std::string_view id) {
  return "{\"id\":\"" + std::string(id) +
         "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" +
         std::string(delta) + ",\"finish_reason\":" + std::string(finish) + "}]" +
         std::string(extra) + "}";
}

std::string sse(const std::vector<std::string> &payloads) {
  std::string out;
  for (const std::string &p : payloads)
    out += "data: " + p + "\n\n";
  return out;
}

std::string typed_sse(const std::vector<std::pair<std::string, std::string>> &events) {
  std::string out;
  for (const auto &[type, payload] : events)
    out += (type.empty() ? "" : "event: " + type + "\n") + "data: " + payload + "\n\n";
  return out;
}

const harness::Choice &only_choice(const harness::StreamResult &r) {
  REQUIRE(r.choices.size() == 1);
  return r.choices[0];
}

} // namespace profile_test

// serve.*: request targets -> routes, wire options, and what is refused.
#include <doctest/doctest.h>

#include "serve/route.hpp"

using namespace harness::serve;

namespace {

std::optional<Route> route(std::string_view target) {
  auto r = parse_target(target, WireOptions{});
  REQUIRE_MESSAGE(r.ok(), target);
  return *r;
}

bool refused(std::string_view target) { return !parse_target(target, WireOptions{}).ok(); }

} // namespace

TEST_CASE("serve.routes-name-case-options-and-endpoint") {
  auto r = route("/cases/seeds/000_c359a6ca5f32f75d/bytes:7/v1/chat/completions");
  REQUIRE(r);
  CHECK(r->endpoint == Endpoint::chat_completions);
  CHECK(r->case_id == "seeds/000_c359a6ca5f32f75d");
  CHECK(r->options.writes.name() == "bytes:7");
  r = route("/cases/streams/anthropic/x/-/v1/messages?beta=true");
  REQUIRE(r);
  CHECK(r->endpoint == Endpoint::messages);
  CHECK(r->case_id == "streams/anthropic/x");
  CHECK(r->options.writes.name() == "whole");
  CHECK(route("/cases/a/drip/v1/responses")->endpoint == Endpoint::responses);
  CHECK(route("/cases/a/random:5/v1/events")->options.writes.name() == "random:5");
  CHECK(route("/")->endpoint == Endpoint::index);
  CHECK_FALSE(route("/favicon.ico"));
  CHECK_FALSE(route("/cases/a/-/v1/embeddings"));
}

TEST_CASE("serve.defaults-apply-to-dash") {
  WireOptions defaults;
  defaults.writes = harness::split::Split{harness::split::Split::Kind::bytes, 3};
  auto r = parse_target("/cases/a/-/v1/events", defaults);
  REQUIRE(r.ok());
  CHECK((*r)->options.writes.name() == "bytes:3");
}

TEST_CASE("serve.unsafe-or-malformed-targets-are-refused") {
  CHECK(refused("/cases/../etc/-/v1/events"));
  CHECK(refused("/cases/seeds/../../x/-/v1/events"));
  CHECK(refused("/cases/seeds/./x/-/v1/events"));
  CHECK(refused("/cases/seeds//x/-/v1/events"));
  CHECK(refused("/cases/seeds/%2e%2e/-/v1/events"));
  CHECK(refused("/cases/seeds\\x/-/v1/events"));
  CHECK(refused("/cases/x/-/v1/events") == false);
  CHECK(refused("/cases/x/bytes:0/v1/events"));
  CHECK(refused("/cases/x/every/v1/events"));
  CHECK(refused("/cases/x/nonsense/v1/events"));
  CHECK(refused("/cases/-/v1/events")); // no options segment
}

TEST_CASE("serve.endpoints-methods-and-dialects") {
  CHECK(method_of(Endpoint::chat_completions) == "POST");
  CHECK(method_of(Endpoint::events) == "GET");
  CHECK(method_of(Endpoint::index) == "GET");
  CHECK(dialect_of(Endpoint::responses) == "openai-responses");
  CHECK(dialect_of(Endpoint::messages) == "anthropic-messages");
  CHECK(dialect_of(Endpoint::events).empty());
}

TEST_CASE("serve.gemini-stream-generate-content-under-the-case-root") {
  auto r = route("/cases/streams/gemini/x/bytes:7/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
  REQUIRE(r);
  CHECK(r->endpoint == Endpoint::gemini);
  CHECK(r->case_id == "streams/gemini/x");
  CHECK(r->options.writes.name() == "bytes:7");
  CHECK(route("/cases/a/-/v1/models/m:streamGenerateContent")->endpoint == Endpoint::gemini);
  CHECK(dialect_of(Endpoint::gemini) == "gemini");
  CHECK(method_of(Endpoint::gemini) == "POST");
  // endpoint_path extends a base URL (…/v1) to a route of the same endpoint.
  const std::string via_base = "/cases/a/-/v1" + std::string(endpoint_path("gemini"));
  CHECK(route(via_base)->endpoint == Endpoint::gemini);
  CHECK_FALSE(route("/cases/a/-/v1beta/models/:streamGenerateContent"));  // no model
  CHECK_FALSE(route("/cases/a/-/v2/models/m:streamGenerateContent"));     // no such version
  CHECK_FALSE(route("/cases/a/-/v1beta/models/m:generateContent"));       // not streaming
  CHECK(refused("/cases/-/v1beta/models/m:streamGenerateContent"));       // no options segment
  CHECK(refused("/cases/../x/-/v1beta/models/m:streamGenerateContent"));
}

#include "serve/route.hpp"

#include <array>
#include <utility>

namespace harness::serve {

namespace {

constexpr std::string_view kCases = "/cases/";

constexpr std::array<std::pair<std::string_view, Endpoint>, 4> kEndpoints = {{
    {"/v1/chat/completions", Endpoint::chat_completions},
    {"/v1/responses", Endpoint::responses},
    {"/v1/messages", Endpoint::messages},
    {"/v1/events", Endpoint::events},
}};

Error bad(std::string_view target, std::string why) {
  return Error{std::string(target), std::nullopt, std::move(why)};
}

/// Whether every '/'-separated segment of `id` is a plain name.
bool safe_case_id(std::string_view id) {
  if (id.empty() || id.find_first_of("\\%") != std::string_view::npos)
    return false;
  size_t start = 0;
  while (start <= id.size()) {
    size_t end = id.find('/', start);
    if (end == std::string_view::npos)
      end = id.size();
    const auto segment = id.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..")
      return false;
    start = end + 1;
  }
  return true;
}

} // namespace

Result<std::optional<Route>> parse_target(std::string_view target, const WireOptions &defaults) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path == "/" || path.empty())
    return std::optional<Route>(Route{});
  if (path.substr(0, kCases.size()) != kCases)
    return std::optional<Route>();
  for (const auto &[suffix, endpoint] : kEndpoints) {
    if (path.size() <= kCases.size() + suffix.size() ||
        path.substr(path.size() - suffix.size()) != suffix)
      continue;
    const auto middle = path.substr(kCases.size(), path.size() - kCases.size() - suffix.size());
    const size_t slash = middle.rfind('/');
    if (slash == std::string_view::npos)
      return bad(target, "the path needs /cases/<case>/<options>/v1/…: no options segment");
    const auto id = middle.substr(0, slash);
    if (!safe_case_id(id))
      return bad(target, "not a case id: '" + std::string(id) + "'");
    auto options = parse_wire_options(middle.substr(slash + 1), defaults);
    if (!options)
      return options.error();
    return std::optional<Route>(Route{endpoint, std::string(id), *options});
  }
  return std::optional<Route>();
}

std::string_view method_of(Endpoint endpoint) {
  return endpoint == Endpoint::index || endpoint == Endpoint::events ? "GET" : "POST";
}

std::string_view dialect_of(Endpoint endpoint) {
  switch (endpoint) {
  case Endpoint::chat_completions:
    return "openai-chat";
  case Endpoint::responses:
    return "openai-responses";
  case Endpoint::messages:
    return "anthropic-messages";
  case Endpoint::index:
  case Endpoint::events:
    break;
  }
  return {};
}

std::string_view endpoint_path(std::string_view dialect) {
  if (dialect == "sse") // SSE-level cases have no API endpoint: the GET event stream is theirs
    return "/events";
  if (dialect == "anthropic-messages")
    return "/messages";
  if (dialect == "openai-responses")
    return "/responses";
  return "/chat/completions";
}

} // namespace harness::serve

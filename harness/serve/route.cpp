#include "serve/route.hpp"

#include <array>
#include <utility>

namespace harness::serve {

namespace {

constexpr std::string_view kCases = "/cases/";
constexpr std::string_view kGeminiMethod = ":streamGenerateContent";
constexpr std::array<std::string_view, 2> kGeminiVersions = {"/v1beta/models/", "/v1/models/"};

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

/// The route for `middle`, the "<case id>/<options>" between "/cases/" and the endpoint.
Result<std::optional<Route>> case_route(std::string_view target, std::string_view middle,
                                        Endpoint endpoint, const WireOptions &defaults) {
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

/// The length of the Gemini endpoint at the end of `path` ("/v1beta/models/<model>
/// :streamGenerateContent" or its /v1 form, the model one non-empty segment); 0 when it has none.
size_t gemini_suffix(std::string_view path) {
  if (!path.ends_with(kGeminiMethod))
    return 0;
  const auto head = path.substr(0, path.size() - kGeminiMethod.size());
  const size_t slash = head.rfind('/');
  if (slash == std::string_view::npos || slash + 1 == head.size())
    return 0;
  for (const std::string_view version : kGeminiVersions) {
    const auto before = head.substr(0, slash + 1);
    if (before.ends_with(version))
      return path.size() - (before.size() - version.size());
  }
  return 0;
}

} // namespace

Result<std::optional<Route>> parse_target(std::string_view target, const WireOptions &defaults) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path == "/" || path.empty())
    return std::optional<Route>(Route{});
  if (path.substr(0, kCases.size()) != kCases)
    return std::optional<Route>();
  if (const size_t suffix = gemini_suffix(path);
      suffix != 0 && path.size() > kCases.size() + suffix)
    return case_route(target, path.substr(kCases.size(), path.size() - kCases.size() - suffix),
                      Endpoint::gemini, defaults);
  for (const auto &[suffix, endpoint] : kEndpoints) {
    if (path.size() <= kCases.size() + suffix.size() ||
        path.substr(path.size() - suffix.size()) != suffix)
      continue;
    return case_route(target,
                      path.substr(kCases.size(), path.size() - kCases.size() - suffix.size()),
                      endpoint, defaults);
  }
  return std::optional<Route>();
}

std::string_view method_of(Endpoint endpoint) {
  return endpoint == Endpoint::index || endpoint == Endpoint::events ? "GET" : "POST";
}

bool accepts(Endpoint endpoint, std::string_view method) {
  return method == method_of(endpoint) || (endpoint == Endpoint::events && method == "POST");
}

std::string_view dialect_of(Endpoint endpoint) {
  switch (endpoint) {
  case Endpoint::chat_completions:
    return "openai-chat";
  case Endpoint::responses:
    return "openai-responses";
  case Endpoint::messages:
    return "anthropic-messages";
  case Endpoint::gemini:
    return "gemini";
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
  if (dialect == "gemini")
    return "/models/sse-harness:streamGenerateContent?alt=sse";
  return "/chat/completions";
}

} // namespace harness::serve

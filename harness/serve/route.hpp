#pragma once
// Request targets of `sse-harness serve`, parsed without touching the network.
//
//   GET  /                                         the case list (JSON; HTML when asked for)
//   POST /cases/<case id>/<options>/v1/chat/completions   OpenAI chat completions
//   POST /cases/<case id>/<options>/v1/responses          OpenAI Responses
//   POST /cases/<case id>/<options>/v1/messages           Anthropic Messages
//   POST /cases/<case id>/<options>/v1beta/models/<model>:streamGenerateContent
//   POST /cases/<case id>/<options>/v1/models/<model>:streamGenerateContent
//                                                         Gemini (any model name; the query,
//                                                         `alt=sse` from the SDKs, is ignored:
//                                                         the stream is always SSE)
//   GET  /cases/<case id>/<options>/v1/events             EventSource clients (POST too: fetch-based
//                                                         SSE clients, curl on SSE-level cases)
//
// SDKs append their endpoint path to a base URL, so per-request wire options live in the path:
// the base URL of a case is http://HOST:PORT/cases/<case id>/<options>/v1. <options> is one
// segment, "-" for the server's defaults, else items joined by '+' (serve/wire.hpp: write sizes,
// framing, timing, faults). Gemini SDKs take the case's root (the base URL without /v1) and add
// /v1beta/models/... themselves (@google/genai's baseUrl; @ai-sdk/google's baseURL is the root
// plus /v1beta). A case id is the corpus path ("seeds/000_…"), so it spans
// segments; it is everything between "/cases/" and the options segment before "/v1/".
// Ids with "." or ".." segments, empty segments, backslashes or percent-escapes are rejected:
// a target can never name a file outside the corpus.
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "serve/wire.hpp"

namespace harness::serve {

enum class Endpoint { index, chat_completions, responses, messages, gemini, events };

struct Route {
  Endpoint endpoint = Endpoint::index;
  std::string case_id;  ///< empty for the index
  WireOptions options;
};

/// Parses a request target (path, optionally with a query, which is ignored). nullopt: no such
/// route (404); an Error: a malformed or unsafe target (400), with the reason.
Result<std::optional<Route>> parse_target(std::string_view target, const WireOptions &defaults);

/// The HTTP method an endpoint answers ("GET" or "POST"); the events endpoint answers POST too.
std::string_view method_of(Endpoint endpoint);

/// Whether the endpoint answers `method`.
bool accepts(Endpoint endpoint, std::string_view method);

/// The dialect an endpoint serves ("openai-chat", …); empty for index and events (any dialect).
std::string_view dialect_of(Endpoint endpoint);

/// The endpoint path below a base URL that streams `dialect` ("/chat/completions", "/responses",
/// "/messages", "/models/sse-harness:streamGenerateContent?alt=sse" for gemini (the API's v1
/// path, so it too extends the base URL); "/events" for the `sse` dialect of SSE-level cases).
std::string_view endpoint_path(std::string_view dialect);

} // namespace harness::serve

#pragma once
// The request behind an imported stream: read from a curl command in a markdown transcript, and
// stripped of credentials wherever it came from. A case never stores a secret: the value of a
// credential header (Authorization, x-api-key, ...) and of a credential URL query parameter
// (key, api_key, access_token, ...) becomes the placeholder kRedacted, unless it already is a
// placeholder ($OPENAI_API_KEY, ${KEY}, <key>, XAI_API_KEY, REDACTED).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json/rapidjson.hpp"

namespace harness::corpus {

inline constexpr std::string_view kRedacted = "REDACTED";

/// A curl command line, as far as the request goes.
struct CurlRequest {
  std::string method; ///< -X/--request; else POST when data is sent; else GET
  std::string url;    ///< the first non-option argument (or --url)
  std::vector<std::pair<std::string, std::string>> headers; ///< -H, in order, already redacted
  std::optional<std::string> body; ///< -d/--data*/--json values, joined with '&' like curl
  /// Credentials found (header values, URL parameters, -u/-b values), for redacting the text the
  /// command came from. Placeholders are not listed.
  std::vector<std::string> secrets;
};

/// Parses the first `curl` command in `text` (shell words: quotes, backslash escapes and
/// backslash-newline continuations; the command ends at an unquoted newline, ';', '|' or '&').
/// nullopt when there is no curl command with a URL.
std::optional<CurlRequest> parse_curl(std::string_view text);

/// Where a transcript shows its request: the content of the first fenced block before
/// `stream_begin` that holds a curl command (same fence rules as source/markdown.hpp).
struct TranscriptRequest {
  size_t begin = 0; ///< the block's content is bytes [begin, end) of the transcript
  size_t end = 0;
  CurlRequest curl;
};
std::optional<TranscriptRequest> find_transcript_request(std::string_view transcript,
                                                         size_t stream_begin);

/// Whether a credential value is already a stand-in rather than a real secret.
bool is_placeholder(std::string_view value);

/// The value to store for header `name`: unchanged unless it is a credential header
/// (harness::is_credential_header), else the
/// placeholder (Authorization keeps its scheme: "Bearer REDACTED"). A replaced credential is
/// appended to `secrets` when given.
std::string redact_header(std::string_view name, std::string_view value,
                          std::vector<std::string> *secrets = nullptr);

/// `url` with the values of credential query parameters (harness::is_credential_param) replaced
/// unless they are placeholders already (each replaced one appended to `secrets`).
std::string redact_url(std::string_view url, std::vector<std::string> *secrets = nullptr);

/// Redacts a case.json `request` object in place: `url` and every value in `headers`. Anything
/// else (null, non-objects) is left alone.
void redact_request(rapidjson::Value &request, rapidjson::Document::AllocatorType &alloc);

/// `text` with every occurrence of each secret inside [begin, end) replaced by kRedacted; `end`
/// is moved by the change in length. Returns the secrets that were not found verbatim there.
std::vector<std::string> redact_text(std::string &text, size_t begin, size_t &end,
                                     const std::vector<std::string> &secrets);

} // namespace harness::corpus

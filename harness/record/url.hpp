#pragma once
// The upstream a recording is taken from: an http:// or https:// URL cut into what the HTTP
// client needs, and the forms of it that may be stored (credentials in the query redacted).
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace harness::record {

struct Url {
  bool tls = false;   ///< https
  std::string host;   ///< as written, without the brackets of an IPv6 literal
  std::string port;   ///< explicit or the scheme's default ("80", "443")
  std::string path;   ///< "/" when the URL has none
  std::string query;  ///< without the '?'; empty when none
  std::string text;   ///< the URL as given

  /// path[?query]: the request target for this URL alone.
  std::string target() const;
  /// The Host header value: host, with ":port" when the port is not the scheme's default.
  std::string host_header() const;
};

/// Parses `text`: scheme http or https (case-insensitive), a host (name, IPv4, or [IPv6]), an
/// optional port 1-65535, an optional path and query; a fragment is dropped. No user info (a
/// credential in the URL would be stored). Errors name `text`: "not a usable upstream URL: why".
Result<Url> parse_url(std::string_view text);

/// The target sent upstream for a caller's `request_target` (listen mode): the upstream path
/// without its trailing '/', then the caller's path; the upstream's query, then the caller's,
/// joined by '&'. E.g. upstream http://h/api/?v=1 and "/v1/chat?x=2" give "/api/v1/chat?v=1&x=2".
std::string join_target(const Url &upstream, std::string_view request_target);

/// `url_or_target` with the value of every credential query parameter (harness::
/// is_credential_param) replaced by REDACTED, and without the fragment of a URL with a query.
/// What is stored and printed; never the secret itself.
std::string redact_query(std::string_view url_or_target);

} // namespace harness::record

#pragma once
// What counts as a credential in an HTTP request or response, in one list for every stage that
// stores one (`record` drops credential headers and redacts the query; `import` redacts both in
// the request it keeps). Names are compared case-insensitively.
#include <functional>
#include <string>
#include <string_view>

namespace harness {

/// Authorization, Proxy-Authorization, Cookie, Set-Cookie, and any name holding "key", "token" or
/// "secret" (x-api-key, x-goog-api-key, X-Auth-Token, client-secret, ...).
bool is_credential_header(std::string_view name);

/// Any query parameter name holding "key", "token", "secret", "sig", "auth" or "password"
/// (api_key, access_token, sig, ...).
bool is_credential_param(std::string_view name);

/// `url` (a URL or a request target) with the value of each credential query parameter for which
/// `redact(value)` says yes replaced by "REDACTED"; everything else, the fragment included, as it
/// is. `redact` may record the value it is shown.
std::string redact_credential_params(std::string_view url,
                                     const std::function<bool(std::string_view value)> &redact);

} // namespace harness

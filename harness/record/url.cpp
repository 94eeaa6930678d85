#include "record/url.hpp"

#include <array>
#include <charconv>

#include "core/credentials.hpp"
#include "core/text.hpp"

namespace harness::record {

std::string Url::target() const { return query.empty() ? path : path + "?" + query; }

std::string Url::host_header() const {
  const std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return port == (tls ? "443" : "80") ? h : h + ":" + port;
}

Result<Url> parse_url(std::string_view text) {
  auto bad = [&](const std::string &why) {
    return Error{redact_query(text), std::nullopt, "not a usable upstream URL: " + why};
  };
  Url u;
  u.text = std::string(text);
  const size_t colon = text.find("://");
  if (colon == std::string_view::npos)
    return bad("it needs a scheme, http:// or https://");
  const std::string scheme = ascii_lower(text.substr(0, colon));
  if (scheme == "https")
    u.tls = true;
  else if (scheme != "http")
    return bad("scheme '" + scheme + "' is neither http nor https");
  std::string_view rest = text.substr(colon + 3);
  if (const size_t hash = rest.find('#'); hash != std::string_view::npos)
    rest = rest.substr(0, hash);
  const size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos)
    return bad("user info (user:password@) is not supported; pass credentials with --header");
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos)
      return bad("unclosed '[' in the host");
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return bad("unexpected text after the IPv6 address");
      port = after.substr(1);
    }
  } else {
    const size_t p = authority.rfind(':');
    u.host = std::string(authority.substr(0, p));
    if (p != std::string_view::npos)
      port = authority.substr(p + 1);
  }
  if (u.host.empty())
    return bad("it has no host");
  if (u.host.find_first_of(" \t\r\n") != std::string::npos)
    return bad("the host holds white space");
  if (!port.empty() || authority.ends_with(":")) {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (ec != std::errc() || end != port.data() + port.size() || n == 0 || n > 65535)
      return bad("port '" + std::string(port) + "' is not a number from 1 to 65535");
    u.port = std::to_string(n);
  } else {
    u.port = u.tls ? "443" : "80";
  }
  const size_t q = tail.find('?');
  u.path = std::string(tail.substr(0, q));
  if (q != std::string_view::npos)
    u.query = std::string(tail.substr(q + 1));
  if (u.path.empty())
    u.path = "/";
  if (u.path.find_first_of(" \t\r\n") != std::string::npos ||
      u.query.find_first_of(" \t\r\n") != std::string::npos)
    return bad("the path or query holds white space (escape it as %20)");
  return u;
}

std::string join_target(const Url &upstream, std::string_view request_target) {
  std::string path = upstream.path;
  while (!path.empty() && path.back() == '/')
    path.pop_back();
  const size_t q = request_target.find('?');
  std::string_view req_path = request_target.substr(0, q);
  std::string_view req_query = q == std::string_view::npos ? "" : request_target.substr(q + 1);
  if (req_path.empty() || req_path.front() != '/')
    path += '/';
  path += req_path;
  std::string query = upstream.query;
  if (!req_query.empty())
    query += (query.empty() ? "" : "&") + std::string(req_query);
  return query.empty() ? path : path + "?" + query;
}

std::string redact_query(std::string_view url) {
  const size_t q = url.find('?');
  if (q == std::string_view::npos)
    return std::string(url);
  std::string out = redact_credential_params(url, [](std::string_view) { return true; });
  if (const size_t hash = out.find('#', q); hash != std::string::npos)
    out.resize(hash); // the fragment is never sent; it is not kept either
  return out;
}

} // namespace harness::record

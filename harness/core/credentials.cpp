#include "core/credentials.hpp"

#include <array>
#include <span>

#include "core/text.hpp"

namespace harness {

namespace {

bool holds_any(std::string_view name, std::span<const std::string_view> parts) {
  const std::string n = ascii_lower(name);
  for (std::string_view part : parts)
    if (n.find(part) != std::string::npos)
      return true;
  return false;
}

} // namespace

bool is_credential_header(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kNames = {"authorization", "proxy-authorization",
                                                             "cookie", "set-cookie"};
  static constexpr std::array<std::string_view, 3> kParts = {"key", "token", "secret"};
  const std::string n = ascii_lower(name);
  for (std::string_view k : kNames)
    if (n == k)
      return true;
  return holds_any(n, kParts);
}

bool is_credential_param(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kParts = {"key", "token", "secret",
                                                             "sig", "auth",  "password"};
  return holds_any(name, kParts);
}

std::string redact_credential_params(std::string_view url,
                                     const std::function<bool(std::string_view value)> &redact) {
  const size_t query = url.find('?');
  if (query == std::string_view::npos)
    return std::string(url);
  const size_t fragment = url.find('#', query);
  const size_t end = fragment == std::string_view::npos ? url.size() : fragment;
  std::string out(url.substr(0, query + 1));
  size_t at = query + 1;
  while (at <= end) {
    size_t amp = url.find('&', at);
    if (amp == std::string_view::npos || amp > end)
      amp = end;
    const std::string_view param = url.substr(at, amp - at);
    const size_t eq = param.find('=');
    if (eq != std::string_view::npos && is_credential_param(param.substr(0, eq)) &&
        redact(param.substr(eq + 1)))
      out += std::string(param.substr(0, eq + 1)) + "REDACTED";
    else
      out += param;
    if (amp < end)
      out += '&';
    at = amp + 1;
  }
  out += url.substr(end);
  return out;
}

} // namespace harness

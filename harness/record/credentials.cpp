#include "record/credentials.hpp"

#include <array>

#include "core/text.hpp"

namespace harness::record {

namespace {

} // namespace

bool is_credential_header(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie"};
  static constexpr std::array<std::string_view, 3> kParts = {"key", "token", "secret"};
  const std::string n = ascii_lower(name);
  for (std::string_view k : kNames)
    if (n == k)
      return true;
  for (std::string_view part : kParts)
    if (n.find(part) != std::string::npos)
      return true;
  return false;
}

Headers without_credentials(const Headers &headers, std::vector<std::string> &dropped) {
  Headers out;
  for (const auto &h : headers) {
    if (is_credential_header(h.first))
      dropped.push_back(h.first);
    else
      out.push_back(h);
  }
  return out;
}

bool is_hop_by_hop(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kNames = {
      "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade",
      "transfer-encoding"};
  const std::string n = ascii_lower(name);
  for (std::string_view k : kNames)
    if (n == k)
      return true;
  return false;
}

} // namespace harness::record

#include "record/credentials.hpp"

#include <array>

#include "core/credentials.hpp"
#include "core/text.hpp"

namespace harness::record {

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

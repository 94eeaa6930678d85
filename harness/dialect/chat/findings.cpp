#include "dialect/chat/findings.hpp"

namespace harness::chat {

void add_finding(StreamResult &result, const rules::Rule &rule, uint64_t offset, uint64_t event,
                 std::string message) {
  result.findings.push_back(
      Finding{std::string(rule.id), rule.severity, offset, event, std::move(message)});
}

std::string quoted(std::string_view value) {
  constexpr size_t kMax = 60;
  std::string out = "\"";
  if (value.size() <= kMax) {
    out.append(value);
  } else {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
      --cut; // do not split a UTF-8 sequence
    out.append(value.substr(0, cut)).append("...");
  }
  out += '"';
  return out;
}

} // namespace harness::chat

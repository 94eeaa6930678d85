#include "dialect/chat/findings.hpp"

#include <algorithm>

namespace harness::chat {

void add_finding(StreamResult &result, const rules::Rule &rule, uint64_t offset, uint64_t event,
                 std::string message) {
  result.findings.push_back(
      Finding{std::string(rule.id), rule.severity, offset, event, std::move(message)});
}

uint64_t payload_stream_offset(uint64_t data_offset, std::string_view data, uint64_t in_payload) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  const std::string_view before = data.substr(0, std::min<uint64_t>(in_payload, data.size()));
  uint64_t repairs = 0;
  for (size_t at = before.find(kReplacement); at != std::string_view::npos;
       at = before.find(kReplacement, at + kReplacement.size()))
    ++repairs;
  return data_offset + in_payload - std::min(2 * repairs, in_payload);
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

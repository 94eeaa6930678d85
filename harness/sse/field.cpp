#include "sse/field.hpp"

#include <cstring>

namespace harness::sse {

namespace {
FieldName classify(std::string_view name) {
  switch (name.size()) {
  case 2:
    return name == "id" ? FieldName::id : FieldName::other;
  case 4:
    return name == "data" ? FieldName::data : FieldName::other;
  case 5:
    return name == "event"   ? FieldName::event
           : name == "retry" ? FieldName::retry
                             : FieldName::other;
  default:
    return FieldName::other;
  }
}
} // namespace

FieldLine split_field(std::string_view line) {
  FieldLine f;
  // Field names are short: look at the first bytes inline before paying for a memchr call.
  const void *colon = nullptr;
  const size_t head = line.size() < 8 ? line.size() : 8;
  for (size_t i = 0; i < head; ++i)
    if (line[i] == ':') {
      colon = line.data() + i;
      break;
    }
  if (colon == nullptr && line.size() > head)
    colon = std::memchr(line.data() + head, ':', line.size() - head);
  if (colon == nullptr) {
    f.name = classify(line);
    f.value_pos = line.size();
    f.value = line.substr(line.size());
    return f;
  }
  const size_t c = static_cast<size_t>(static_cast<const char *>(colon) - line.data());
  f.name = classify(line.substr(0, c));
  f.value_pos = c + 1;
  if (f.value_pos < line.size() && line[f.value_pos] == ' ')
    ++f.value_pos;
  f.value = line.substr(f.value_pos);
  return f;
}

bool parse_retry(std::string_view value, uint64_t &milliseconds) {
  if (value.empty())
    return false;
  uint64_t v = 0;
  for (const char c : value) {
    if (c < '0' || c > '9')
      return false;
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10)
      return false;
    v = v * 10 + d;
  }
  milliseconds = v;
  return true;
}

} // namespace harness::sse

#include "core/finding.hpp"

#include "core/text.hpp"

namespace harness {

std::string_view to_string(Severity s) {
  static constexpr std::array<std::string_view, 3> kNames = {"error", "warning", "info"};
  return name_of(s, kNames, "error");
}

bool operator==(const Finding &a, const Finding &b) {
  return a.rule == b.rule && a.severity == b.severity && a.offset == b.offset &&
         a.event == b.event && a.message == b.message;
}

} // namespace harness

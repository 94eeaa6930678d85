#include "core/finding.hpp"

namespace harness {

std::string_view to_string(Severity s) {
  switch (s) {
  case Severity::error:
    return "error";
  case Severity::warning:
    return "warning";
  case Severity::info:
    return "info";
  }
  return "error";
}

bool operator==(const Finding &a, const Finding &b) {
  return a.rule == b.rule && a.severity == b.severity && a.offset == b.offset &&
         a.event == b.event && a.message == b.message;
}

} // namespace harness

#include "core/outcome.hpp"

#include "core/text.hpp"

namespace harness {

std::string_view to_string(Outcome o) {
  static constexpr std::array<std::string_view, kOutcomeCount> kNames = {
      "ok", "non-strict", "informational", "deviation", "disputed", "failed", "error"};
  return name_of(o, kNames, "failed");
}

std::optional<Outcome> outcome_named(std::string_view name) {
  for (const auto o : kOutcomes)
    if (to_string(o) == name)
      return o;
  return std::nullopt;
}

} // namespace harness

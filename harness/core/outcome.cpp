#include "core/outcome.hpp"

namespace harness {

std::string_view to_string(Outcome o) {
  switch (o) {
  case Outcome::ok:
    return "ok";
  case Outcome::non_strict:
    return "non-strict";
  case Outcome::informational:
    return "informational";
  case Outcome::deviation:
    return "deviation";
  case Outcome::disputed:
    return "disputed";
  case Outcome::failed:
    return "failed";
  case Outcome::error:
    return "error";
  }
  return "failed";
}

std::optional<Outcome> outcome_named(std::string_view name) {
  for (const auto o : kOutcomes)
    if (to_string(o) == name)
      return o;
  return std::nullopt;
}

} // namespace harness

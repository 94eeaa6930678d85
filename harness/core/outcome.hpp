#pragma once
// The outcome classes of a verdict, mildest first. Every command that judges (check, lint, clients
// run) gives each verdict one of these; `--fail-on` names the ones that make the exit code 1.
//   ok             the result is the expected one
//   non-strict     the expected result, but only through a tolerated repair (the parser had to fix
//                  the framing: a finding of the framing layer with error or warning severity)
//   informational  nothing wrong, but something worth reading: a check skipped (split `every` on a
//                  huge stream), or only info-severity findings (lint)
//   deviation      wrong, as listed in the known-deviations file
//   disputed       implementations disagree and nobody has decided who is right (case.json)
//   failed         wrong, and not listed; or a listed deviation that no longer happens
//   error          the implementation could not be judged: it hung, crashed or printed nonsense
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace harness {

enum class Outcome { ok, non_strict, informational, deviation, disputed, failed, error };

inline constexpr size_t kOutcomeCount = 7;

/// Every class, mildest first (the order of the enum).
inline constexpr std::array<Outcome, kOutcomeCount> kOutcomes = {
    Outcome::ok,       Outcome::non_strict, Outcome::informational, Outcome::deviation,
    Outcome::disputed, Outcome::failed,     Outcome::error};

/// "ok", "non-strict", "informational", "deviation", "disputed", "failed", "error".
std::string_view to_string(Outcome o);

/// The class named `name` (as to_string writes it); nullopt for anything else.
std::optional<Outcome> outcome_named(std::string_view name);

/// The more severe of the two (the later in the enum).
inline Outcome worse(Outcome a, Outcome b) { return a < b ? b : a; }

} // namespace harness

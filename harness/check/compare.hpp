#pragma once
// Expected vs actual, field by field. `expected` is a partial result document (a case's expectation
// for one parser); only the keys it has are compared. `actual` is a full result document.
//
// Rules: objects compare key by key (every expected key must exist and match); arrays must have
// the same length and match element by element; scalars must be equal (integers by value).
// `findings` is special: in an expectation it maps rule id -> count, and the actual findings must
// have exactly those rules with those counts (a rule not listed is a difference).
#include <string>
#include <vector>

#include "json/rapidjson.hpp"
#include "pipeline/implementation.hpp"

namespace harness::check {

/// One line per difference, e.g. `choices[0].text: first difference at byte 5: expected "…" got
/// "…"`. Empty when everything expected matches.
std::vector<std::string> compare(const rapidjson::Value &expected, const rapidjson::Value &actual);

/// The part of an expectation an implementation of `kind` is judged on: all of it for the
/// harness's parsers; for SDK profiles only what the SDK shows its user (done, choices, usage,
/// raised) — events, errors and findings are the harness's own bookkeeping.
rapidjson::Document judged_part(const rapidjson::Value &expectation, pipeline::Kind kind);

/// Describes where two strings first differ: the byte offset and up to 24 bytes of each around it.
std::string describe_string_difference(std::string_view expected, std::string_view actual);

} // namespace harness::check

#pragma once
// What a case expects from a parser, from case.json `expect`.
//
// `expect` maps "default" and parser names to partial result documents: any of the result
// document's top-level keys (events, done, choices, usage, errors) plus `findings`, which in an
// expectation is an object mapping rule id -> count ({"sse.payload-on-next-line": 2}) rather than
// the result document's array. Keys left out are not checked.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

/// The name of the entry every parser falls back to.
inline constexpr std::string_view kDefaultExpectation = "default";

/// The expectation for `parser`: the `default` entry with the parser's own entry merged over it
/// (shallow: each top-level key the parser's entry has replaces default's whole value).
/// nullopt when the case has neither entry. The returned document owns its values.
std::optional<rapidjson::Document> expectation_for(const Case &c, std::string_view parser);

/// A finding rule id: lowercase layer, '.', then lowercase letters, digits and '-'
/// (^[a-z]+\.[a-z0-9-]+$, the pattern result.schema.json gives findings' `rule`).
bool is_rule_id(std::string_view rule);

/// Checks what case.schema.json cannot express in RapidJSON 1.1.0: every key of every `findings`
/// object in `expect` is a rule id. Errors name `file` and the JSON pointer of the offending key.
Status check_finding_counts(const rapidjson::Value &expect, const std::string &file);

/// The parser names `expect` has entries for, "default" excluded, in file order (so callers can
/// reject names no parser has).
std::vector<std::string> expectation_parsers(const Case &c);

} // namespace harness::corpus

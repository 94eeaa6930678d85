#pragma once
// The whole rule catalog, in catalog order (layer files in the order meson lists them, rules in file
// order). Built into the binary: no file is read at run time.
#include <span>
#include <string_view>

#include "rules/rule.hpp"
#include "rules/rule_ids.hpp" // generated: one constant per rule

namespace harness::rules {

std::span<const Rule *const> catalog();

/// nullptr when no rule has that id.
const Rule *find_rule(std::string_view id);

/// A Finding for `rule` with the catalog's id and severity.
Finding make_finding(const Rule &rule, uint64_t offset, uint64_t event, std::string message);

} // namespace harness::rules

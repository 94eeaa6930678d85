#include "rules/catalog.hpp"

#include <utility>

namespace harness::rules {

// generated: the table of every rule constant, in catalog order
std::span<const Rule *const> catalog_table();

std::span<const Rule *const> catalog() { return catalog_table(); }

const Rule *find_rule(std::string_view id) {
  for (const Rule *r : catalog())
    if (r->id == id)
      return r;
  return nullptr;
}

Finding make_finding(const Rule &rule, uint64_t offset, uint64_t event, std::string message) {
  return Finding{std::string(rule.id), rule.severity, offset, event, std::move(message)};
}

} // namespace harness::rules

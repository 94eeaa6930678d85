#include "pipeline/implementation.hpp"

#include <vector>

#include "dialect/dialect.hpp"
#include "profiles/profiles.hpp"

namespace harness::pipeline {

namespace {

std::vector<Implementation> build_table() {
  std::vector<Implementation> table;
  for (const auto &p : sse::parsers())
    table.push_back({p.name, Kind::parser, p.description, p.models, p.make, dialect::make_decoder,
                     p.name == "whatwg" /* the only parser that follows the spec's discard */});
  for (const auto &p : profiles::profile_implementations())
    table.push_back(p);
  return table;
}

} // namespace

std::string_view to_string(Kind kind) { return kind == Kind::parser ? "parser" : "profile"; }

std::span<const Implementation> implementations() {
  static const std::vector<Implementation> table = build_table();
  return table;
}

const Implementation *find_implementation(std::string_view name) {
  for (const auto &impl : implementations())
    if (impl.name == name)
      return &impl;
  return nullptr;
}

bool handles(const Implementation &impl, std::string_view dialect) {
  return impl.make_decoder(dialect) != nullptr;
}

} // namespace harness::pipeline

#include "pipeline/implementation.hpp"

#include <vector>

#include "dialect/dialect.hpp"
#include "dialect/sse/sse_level.hpp"
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

std::unique_ptr<dialect::Decoder> make_decoder(const Implementation &impl,
                                               std::string_view dialect) {
  if (dialect == dialect::kSse)
    return impl.reads_sse_cases ? dialect::make_sse_level_decoder() : nullptr;
  return impl.make_decoder(dialect);
}

bool handles(const Implementation &impl, std::string_view dialect) {
  return make_decoder(impl, dialect) != nullptr;
}

} // namespace harness::pipeline

#pragma once
// One entry of the rule catalog: every check the harness makes, with a stable id. The catalog is data
// (harness/rules/catalog/*.json, validated by schemas/rules.schema.json); at build time
// generate.py turns it into constants (rule_ids.hpp: `rules::sse_blank_line_missing`, ...) so that
// code can only emit a rule the catalog lists, with the catalog's severity.
#include <string_view>

#include "core/finding.hpp"

namespace harness::rules {

struct Rule {
  std::string_view id;        ///< "<prefix>.<name>", e.g. "sse.blank-line-missing"; never renamed
  std::string_view layer;     ///< framing, json, chat, messages, responses, usage, done, error
  Severity severity;          ///< how bad it is for a producer to do this
  std::string_view summary;   ///< one line
  std::string_view reference; ///< spec section, provider doc or public issue (a URL first)
};

} // namespace harness::rules

#pragma once
// `check --variants`: every metamorphic variant of a case (variants/variants.hpp) replayed through an
// implementation, against an expectation derived from the base stream's own result under the same
// implementation. What is compared is what a client shows (done, choices, usage, errors without
// their offsets, raised); findings and event offsets are not.
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/implementation.hpp"
#include "split/split.hpp"
#include "variants/variants.hpp"

namespace harness::check {

struct VariantCheck {
  std::string variant;               ///< variants::Variant::name
  bool passed = false;
  std::vector<std::string> problems; ///< how the variant's result differs from the derived one
};

/// One entry per variant that applies to `stream`. `drops_unterminated`: the implementation
/// discards an event that is not followed by a blank line at the end of the stream, so on
/// `no-final-blank` it must give the result of the stream without its last event. Each variant
/// is replayed under every split in `splits`; all must give the derived result.
std::vector<VariantCheck> check_variants(std::string_view stream,
                                         const pipeline::Implementation &impl,
                                         std::string_view dialect, bool drops_unterminated,
                                         const std::vector<split::Split> &splits);

} // namespace harness::check

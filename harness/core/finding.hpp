#pragma once
// A finding: something the harness noticed about a stream, tied to a byte offset.
// Findings are part of the result document and must not depend on how the bytes were split.
#include <cstdint>
#include <string>
#include <string_view>

namespace harness {

enum class Severity { error, warning, info };

std::string_view to_string(Severity s);

struct Finding {
  std::string rule;   ///< stable id, e.g. "sse.blank-line-missing"; the layer is the part before '.'
  Severity severity = Severity::error;
  uint64_t offset = 0; ///< byte offset in the stream (not in a markdown transcript around it)
  uint64_t event = 0;  ///< 0-based number of the SSE event it concerns (the one being built, for framing)
  std::string message; ///< one human sentence
};

bool operator==(const Finding &a, const Finding &b);

} // namespace harness

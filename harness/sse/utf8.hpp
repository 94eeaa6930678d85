#pragma once
// UTF-8 decoding as the WHATWG Encoding standard's UTF-8 decoder does it: every maximal subpart of
// an ill-formed sequence becomes one U+FFFD, and a byte that breaks a sequence is then read again
// on its own. ASCII bytes are never swallowed by a broken sequence, so a line (or the part of a
// line after an ASCII ':') decodes the same alone as inside the whole stream.
#include <cstddef>
#include <string>
#include <string_view>

namespace harness::sse {

/// Index of the first byte of the first ill-formed sequence in `bytes`, or npos when `bytes` is
/// valid UTF-8. A sequence cut off by the end of `bytes` counts as ill-formed.
size_t first_invalid_utf8(std::string_view bytes);

/// Appends `bytes` to `out` with each maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
void append_utf8_repaired(std::string &out, std::string_view bytes);

} // namespace harness::sse

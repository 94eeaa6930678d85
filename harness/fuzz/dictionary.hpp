#pragma once
// The fuzzing dictionary fuzz-seeds writes as NAME.dict: byte strings a mutator splices into
// inputs, so it reaches SSE framing and JSON shapes faster than by flipping bits.
//
// File format (libFuzzer -dict= and AFL++ -x read it alike): lines starting with '#' are comments;
// every other line is `name="value"`, name from [a-z0-9_], value with `\\` for a backslash, `\"`
// for a quote and `\xNN` (two hex digits) for every byte outside 0x20..0x7e; nothing else. Values
// are 1 to 64 bytes (libFuzzer silently drops longer ones; AFL++ refuses them past 128).
//
// Entries, in groups (a value is listed once, in the first group that has it), each sorted by
// bytes:
//   sse      the framing tokens: data:, data: , event:, id:, retry:, :, line ends (LF, CR, CRLF,
//            doubled), the UTF-8 BOM, [DONE], data: [DONE]
//   json     JSON literals and shapes: null, true, false, 0, 1, -1, numbers at the edges, {}, [],
//            "", escapes (\u0000, a lone surrogate)
//   event    event types seen (`event:` values), up to 64
//   key      JSON object keys seen in event payloads, quoted ("choices"), and the same followed by
//            a colon ("choices":), up to 256 keys
//   value    short JSON string values seen (quoted form at most 32 bytes), up to 256
// Where a group is over its limit, the values found in the most cases are kept (ties: smaller
// bytes first), so one stream's ids do not crowd out what every stream shares. At most
// kMaxDictEntries entries in all. Payloads are parsed with RapidJSON (iterative, validating UTF-8);
// payloads that are not JSON add nothing but their event type.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "corpus/case.hpp"

namespace harness::fuzz {

inline constexpr size_t kMaxDictEntries = 1000;
inline constexpr size_t kMaxDictValue = 64;

struct DictEntry {
  std::string name;  ///< "<group>_<n>", n counting from 1 within the group
  std::string value; ///< the raw bytes
};

/// The entries for `cases`, in the order the file lists them. Deterministic.
std::vector<DictEntry> dictionary_entries(const std::vector<corpus::Case> &cases);

/// `bytes` escaped for between the quotes of a dictionary line (see the format above).
std::string dict_escape(std::string_view bytes);

/// The dictionary file: `header` as '#' comment lines (one per line of it), then one line per
/// entry.
std::string render_dictionary(const std::vector<DictEntry> &entries, std::string_view header);

} // namespace harness::fuzz

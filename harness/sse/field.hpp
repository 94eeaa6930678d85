#pragma once
// One SSE field line split the WHATWG way: the name runs up to the first ':', the value follows it
// with one leading space removed (only one, and only a space: a tab is kept). A line without ':' is
// a field whose name is the whole line and whose value is empty. Names are exact and
// case-sensitive.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace harness::sse {

enum class FieldName { data, event, id, retry, other };

struct FieldLine {
  FieldName name = FieldName::other;
  std::string_view value; ///< a view into the line given to split_field
  size_t value_pos = 0;   ///< where the value starts in that line (its size when there is no ':')
};

/// Precondition: `line` is not empty and is not a comment (does not start with ':').
FieldLine split_field(std::string_view line);

/// The value of a `retry` field when it is ASCII digits only (leading zeros allowed) and fits in
/// 64 bits; false otherwise (the field is then ignored).
bool parse_retry(std::string_view value, uint64_t &milliseconds);

} // namespace harness::sse

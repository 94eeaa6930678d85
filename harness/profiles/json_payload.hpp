#pragma once
// What the profiles need from JSON: parsing one event's data as the SDK's runtime would, the
// runtime's wording when it refuses (that text becomes StreamResult::raised), and the small DOM
// reads every profile repeats. DOM, not SAX: profiles are about fidelity, not speed.
//
// Parsing uses json::kParseFlags (RapidJSON). Known differences from the runtimes, all rare in
// chat streams: a lone high surrogate escape ("\ud800") is accepted as all three runtimes do, but
// decoded as U+FFFD (Python and V8 keep the lone surrogate); numbers beyond double range are
// accepted by Python, V8 and Go but refused here; Python's NaN/Infinity literals are refused. Error
// positions follow RapidJSON's offset, converted to the runtime's unit (code points for Python,
// UTF-16 units for V8, bytes for Go); where RapidJSON stops at a different byte than the runtime
// (mostly inside literals such as `tru`), the position or the named character can differ.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/stream_result.hpp"
#include "json/rapidjson.hpp"

namespace harness::profiles {

enum class JsonRuntime {
  python, ///< json.loads (CPython 3.12): JSONDecodeError "<msg>: line L column C (char N)"
  v8,     ///< JSON.parse in Node 22 (V8 12): SyntaxError texts
  go,     ///< encoding/json (Go 1.22): SyntaxError texts; invalid UTF-8 becomes U+FFFD per byte
};

/// Parses `text` as one JSON document into `doc`. nullopt on success; otherwise the message the
/// runtime's parser raises for it. Go's per-byte U+FFFD replacement of ill-formed UTF-8 is applied
/// first; Python refuses a leading BOM as json.loads does.
std::optional<std::string> parse_json(std::string_view text, JsonRuntime runtime,
                                      rapidjson::Document &doc);

using JsonValue = rapidjson::Value;

/// The member `name` of object `v`, or nullptr (also when `v` is not an object). With duplicate
/// keys: the last one (Python dict, JSON.parse) or the first one (gjson).
const JsonValue *last_member(const JsonValue &v, std::string_view name);
const JsonValue *first_member(const JsonValue &v, std::string_view name);

/// The string of `v` when it is a JSON string; nullopt for nullptr and every other type.
std::optional<std::string_view> string_of(const JsonValue *v);
/// The integer of `v` when it is a JSON number that fits int64 exactly; nullopt otherwise.
std::optional<int64_t> int_of(const JsonValue *v);

/// Python truthiness of a parsed value (None, False, 0, 0.0, "", [], {} are false).
bool python_truthy(const JsonValue &v);
/// JavaScript truthiness of a parsed value (null, false, 0, "" are false; [] and {} are true).
bool js_truthy(const JsonValue &v);

/// Compact JSON text of `v` (JSON.stringify-like; numbers as RapidJSON writes them).
std::string compact_json(const JsonValue &v);

/// The usage counters of a `usage` object: prompt_tokens, completion_tokens, total_tokens and
/// completion_tokens_details.reasoning_tokens, each kept only when it is an int64 (last duplicate).
Usage usage_of(const JsonValue &usage);

} // namespace harness::profiles

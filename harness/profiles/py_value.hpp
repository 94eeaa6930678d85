#pragma once
// A Python value as json.loads builds it (None, bool, int, float, str, list, dict), and
// openai-python's accumulate_delta on such values: openai-python reassembles a message by merging
// each delta's dict into a dict of the message so far, generically, so the profile does the same
// instead of naming fields. Strings grow with std::string appends, so a long answer merged in
// thousands of deltas stays linear.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/json_payload.hpp"

namespace harness::profiles {

struct PyMember;

struct PyValue {
  enum class Kind { none, boolean, integer, real, string, list, dict };
  Kind kind = Kind::none;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0;
  std::string string;
  std::vector<PyValue> list;
  std::vector<PyMember> dict; ///< insertion order, keys unique

  /// As json.loads builds it: a repeated key keeps its first position and its last value; an
  /// integer beyond int64 becomes a float (Python would keep it exact).
  static PyValue from_json(const JsonValue &v);

  bool is_none() const { return kind == Kind::none; }
  bool is_str() const { return kind == Kind::string; }
  bool is_dict() const { return kind == Kind::dict; }
  bool is_list() const { return kind == Kind::list; }
  /// isinstance(v, int): bool counts, as in Python.
  bool is_int() const { return kind == Kind::integer || kind == Kind::boolean; }
  int64_t as_int() const { return kind == Kind::boolean ? (boolean ? 1 : 0) : integer; }

  /// dict lookup; nullptr when absent or when this is not a dict.
  const PyValue *get(std::string_view key) const;
  PyValue *get(std::string_view key);
  /// dict[key] = value (replaces in place, or appends).
  void set(std::string_view key, PyValue value);

  /// The name type(v).__name__ gives for this value: NoneType, bool, int, float, str, list, dict.
  std::string_view type_name() const;
  /// repr(v), close to Python's (floats use the shortest round-trip digits, without Python's
  /// switch to exponent notation at 1e16).
  std::string repr() const;
  /// Python truthiness.
  bool truthy() const;
};

struct PyMember {
  std::string key;
  PyValue value;
};

/// openai-python src/openai/lib/streaming/_deltas.py accumulate_delta(acc, delta): for each key of
/// the delta, in order: absent or None in acc -> set; "index" and "type" -> overwritten; str + str
/// -> concatenated; number + number -> added; dict + dict -> merged recursively; list + list ->
/// extended when acc holds only scalars, else merged entry by entry at each entry's `index`
/// (inserted when acc has no entry there); anything else (a None delta value included) leaves acc
/// unchanged. Returns the message of the exception it raises (TypeError, RuntimeError) or nullopt.
/// Not modelled: the _normalize_indexed_list step some versions apply to a list that is new in acc
/// (it never runs for a message's tool_calls, which model_dump always lists, as None).
std::optional<std::string> accumulate_delta(PyValue &acc, const PyValue &delta);

/// Python's list indexing: the position `index` names in a list of `size` (negative counts from
/// the end), or nullopt when it is out of range (IndexError).
std::optional<size_t> python_index(int64_t index, size_t size);

} // namespace harness::profiles

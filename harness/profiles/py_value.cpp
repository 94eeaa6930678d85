#include "profiles/py_value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace harness::profiles {

PyValue PyValue::from_json(const JsonValue &v) {
  PyValue out;
  if (v.IsNull()) {
    out.kind = Kind::none;
  } else if (v.IsBool()) {
    out.kind = Kind::boolean;
    out.boolean = v.GetBool();
  } else if (v.IsInt64()) {
    out.kind = Kind::integer;
    out.integer = v.GetInt64();
  } else if (v.IsNumber()) {
    out.kind = Kind::real;
    out.real = v.GetDouble();
  } else if (v.IsString()) {
    out.kind = Kind::string;
    out.string.assign(v.GetString(), v.GetStringLength());
  } else if (v.IsArray()) {
    out.kind = Kind::list;
    out.list.reserve(v.Size());
    for (const auto &item : v.GetArray())
      out.list.push_back(from_json(item));
  } else {
    out.kind = Kind::dict;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      out.set(std::string_view(it->name.GetString(), it->name.GetStringLength()),
              from_json(it->value));
  }
  return out;
}

const PyValue *PyValue::get(std::string_view key) const {
  if (kind != Kind::dict)
    return nullptr;
  for (const auto &[k, v] : dict)
    if (k == key)
      return &v;
  return nullptr;
}

PyValue *PyValue::get(std::string_view key) {
  return const_cast<PyValue *>(static_cast<const PyValue *>(this)->get(key));
}

void PyValue::set(std::string_view key, PyValue value) {
  if (PyValue *existing = get(key)) {
    *existing = std::move(value);
    return;
  }
  dict.push_back(PyMember{std::string(key), std::move(value)});
}

std::string_view PyValue::type_name() const {
  switch (kind) {
  case Kind::none:
    return "NoneType";
  case Kind::boolean:
    return "bool";
  case Kind::integer:
    return "int";
  case Kind::real:
    return "float";
  case Kind::string:
    return "str";
  case Kind::list:
    return "list";
  case Kind::dict:
    return "dict";
  }
  return "object";
}

namespace {

std::string repr_str(std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

std::string repr_real(double d) {
  if (std::isnan(d))
    return "nan";
  if (std::isinf(d))
    return d > 0 ? "inf" : "-inf";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d)
      break;
  }
  std::string out = buf;
  if (out.find_first_of(".e") == std::string::npos)
    out += ".0";
  return out;
}

} // namespace

std::string PyValue::repr() const {
  switch (kind) {
  case Kind::none:
    return "None";
  case Kind::boolean:
    return boolean ? "True" : "False";
  case Kind::integer:
    return std::to_string(integer);
  case Kind::real:
    return repr_real(real);
  case Kind::string:
    return repr_str(string);
  case Kind::list: {
    std::string out = "[";
    for (size_t i = 0; i < list.size(); ++i)
      out += (i ? ", " : "") + list[i].repr();
    return out + "]";
  }
  case Kind::dict: {
    std::string out = "{";
    for (size_t i = 0; i < dict.size(); ++i)
      out += (i ? ", " : "") + repr_str(dict[i].key) + ": " + dict[i].value.repr();
    return out + "}";
  }
  }
  return {};
}

bool PyValue::truthy() const {
  switch (kind) {
  case Kind::none:
    return false;
  case Kind::boolean:
    return boolean;
  case Kind::integer:
    return integer != 0;
  case Kind::real:
    return real != 0.0;
  case Kind::string:
    return !string.empty();
  case Kind::list:
    return !list.empty();
  case Kind::dict:
    return !dict.empty();
  }
  return false;
}

std::optional<size_t> python_index(int64_t index, size_t size) {
  const auto n = static_cast<int64_t>(size);
  if (index < 0)
    index += n;
  if (index < 0 || index >= n)
    return std::nullopt;
  return static_cast<size_t>(index);
}

namespace {

bool is_number(const PyValue &v) {
  return v.kind == PyValue::Kind::integer || v.kind == PyValue::Kind::boolean ||
         v.kind == PyValue::Kind::real;
}

double as_real(const PyValue &v) {
  return v.kind == PyValue::Kind::real ? v.real : static_cast<double>(v.as_int());
}

/// acc += delta for two numbers: int + int stays int (bool counts as int); a float makes a float.
void add_number(PyValue &acc, const PyValue &delta) {
  if (acc.kind != PyValue::Kind::real && delta.kind != PyValue::Kind::real) {
    const int64_t a = acc.as_int(), b = delta.as_int();
    int64_t sum = 0;
    if (!__builtin_add_overflow(a, b, &sum)) {
      acc.kind = PyValue::Kind::integer;
      acc.integer = sum;
      return;
    }
  }
  const double sum = as_real(acc) + as_real(delta);
  acc = PyValue{};
  acc.kind = PyValue::Kind::real;
  acc.real = sum;
}

std::optional<std::string> merge_list(PyValue &acc, const PyValue &delta) {
  // "for lists of non-dictionary items we'll only ever get new entries": all() of an empty list
  // is true, so a list that is still empty is extended too.
  bool scalars = true;
  for (const PyValue &x : acc.list)
    if (!(x.is_str() || is_number(x)))
      scalars = false;
  if (scalars) {
    acc.list.insert(acc.list.end(), delta.list.begin(), delta.list.end());
    return std::nullopt;
  }
  for (const PyValue &entry : delta.list) {
    if (!entry.is_dict())
      return "Unexpected list delta entry is not a dictionary: " + entry.repr();
    const PyValue *index = entry.get("index");
    if (!index)
      return "Expected list delta entry to have an `index` key; " + entry.repr();
    if (!index->is_int())
      return "Unexpected, list delta entry `index` value is not an integer; " + index->repr();
    if (const auto at = python_index(index->as_int(), acc.list.size())) {
      PyValue &existing = acc.list[*at];
      if (!existing.is_dict())
        return std::string("not handled yet");
      if (auto raised = accumulate_delta(existing, entry))
        return raised;
    } else {
      // list.insert(index, entry): clamped to the list, so an index past the end appends.
      int64_t pos = index->as_int();
      const auto n = static_cast<int64_t>(acc.list.size());
      if (pos < 0)
        pos = std::max<int64_t>(0, pos + n);
      pos = std::min(pos, n);
      acc.list.insert(acc.list.begin() + pos, entry);
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> accumulate_delta(PyValue &acc, const PyValue &delta) {
  for (const auto &[key, value] : delta.dict) {
    PyValue *existing = acc.get(key);
    if (!existing) {
      acc.set(key, value);
      continue;
    }
    if (existing->is_none()) {
      *existing = value;
      continue;
    }
    if (key == "index" || key == "type") {
      *existing = value;
      continue;
    }
    if (existing->is_str() && value.is_str()) {
      existing->string += value.string;
    } else if (is_number(*existing) && is_number(value)) {
      add_number(*existing, value);
    } else if (existing->is_dict() && value.is_dict()) {
      if (auto raised = accumulate_delta(*existing, value))
        return raised;
    } else if (existing->is_list() && value.is_list()) {
      if (auto raised = merge_list(*existing, value))
        return raised;
    }
  }
  return std::nullopt;
}

} // namespace harness::profiles

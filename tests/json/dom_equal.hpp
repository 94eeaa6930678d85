#pragma once
// Exact equality of two RapidJSON values, stricter than Value::operator== (which compares doubles
// numerically and objects as unordered sets): the same type, the same number representation (every
// Is* flag) and bits, the same string bytes, members in the same order with the same names.
#include <cstring>

#include "json/rapidjson.hpp"

namespace json_test {

inline bool dom_equal(const rapidjson::Value &a, const rapidjson::Value &b) {
  if (a.GetType() != b.GetType())
    return false;
  switch (a.GetType()) {
  case rapidjson::kNullType:
  case rapidjson::kFalseType:
  case rapidjson::kTrueType:
    return true;
  case rapidjson::kStringType:
    return a.GetStringLength() == b.GetStringLength() &&
           std::memcmp(a.GetString(), b.GetString(), a.GetStringLength()) == 0;
  case rapidjson::kNumberType: {
    if (a.IsInt() != b.IsInt() || a.IsUint() != b.IsUint() || a.IsInt64() != b.IsInt64() ||
        a.IsUint64() != b.IsUint64() || a.IsDouble() != b.IsDouble())
      return false;
    if (a.IsDouble()) {
      const double x = a.GetDouble();
      const double y = b.GetDouble();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    return a.IsUint64() ? a.GetUint64() == b.GetUint64() : a.GetInt64() == b.GetInt64();
  }
  case rapidjson::kArrayType:
    if (a.Size() != b.Size())
      return false;
    for (rapidjson::SizeType i = 0; i < a.Size(); ++i)
      if (!dom_equal(a[i], b[i]))
        return false;
    return true;
  case rapidjson::kObjectType: {
    if (a.MemberCount() != b.MemberCount())
      return false;
    for (auto x = a.MemberBegin(), y = b.MemberBegin(); x != a.MemberEnd(); ++x, ++y)
      if (!dom_equal(x->name, y->name) || !dom_equal(x->value, y->value))
        return false;
    return true;
  }
  }
  return false;
}

} // namespace json_test

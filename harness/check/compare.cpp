#include "check/compare.hpp"

#include <algorithm>
#include <map>

#include "report/text.hpp"

namespace harness::check {

namespace {

using rapidjson::Value;

std::string compact(const Value &v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  std::string s(buf.GetString(), buf.GetSize());
  return s.size() > 120 ? s.substr(0, 117) + "..." : s;
}

std::string_view view(const Value &v) { return {v.GetString(), v.GetStringLength()}; }

bool scalar_equal(const Value &e, const Value &a) {
  if (e.IsNumber() && a.IsNumber()) {
    if (e.IsInt64() && a.IsInt64())
      return e.GetInt64() == a.GetInt64();
    if (e.IsUint64() && a.IsUint64())
      return e.GetUint64() == a.GetUint64();
    return e.GetDouble() == a.GetDouble();
  }
  return e == a;
}

void compare_findings(const Value &expected, const Value &actual, std::vector<std::string> &out) {
  if (!expected.IsObject() || !actual.IsArray()) {
    out.push_back("findings: the expectation must map rule ids to counts");
    return;
  }
  std::map<std::string, uint64_t> got;
  for (const auto &f : actual.GetArray())
    if (f.IsObject() && f.HasMember("rule") && f["rule"].IsString())
      ++got[f["rule"].GetString()];
  std::map<std::string, uint64_t> want;
  for (const auto &m : expected.GetObject())
    want[m.name.GetString()] = m.value.IsUint64() ? m.value.GetUint64() : 0;
  for (const auto &[rule, n] : want) {
    const uint64_t have = got.count(rule) ? got[rule] : 0;
    if (have != n)
      out.push_back("findings: " + rule + " expected " + std::to_string(n) + ", got " +
                    std::to_string(have));
  }
  for (const auto &[rule, n] : got)
    if (!want.count(rule))
      out.push_back("findings: unexpected " + rule + " x" + std::to_string(n));
}

void walk(const std::string &path, const Value &e, const Value &a, std::vector<std::string> &out) {
  if (e.IsObject()) {
    if (!a.IsObject()) {
      out.push_back(path + ": expected an object, got " + compact(a));
      return;
    }
    for (const auto &m : e.GetObject()) {
      const std::string key = m.name.GetString();
      const std::string sub = path.empty() ? key : path + "." + key;
      auto it = a.FindMember(m.name);
      if (it == a.MemberEnd()) {
        out.push_back(sub + ": missing");
        continue;
      }
      if (path.empty() && key == "findings")
        compare_findings(m.value, it->value, out);
      else
        walk(sub, m.value, it->value, out);
    }
    return;
  }
  if (e.IsArray()) {
    if (!a.IsArray()) {
      out.push_back(path + ": expected an array, got " + compact(a));
      return;
    }
    if (e.Size() != a.Size()) {
      out.push_back(path + ": expected " + std::to_string(e.Size()) + " entries, got " +
                    std::to_string(a.Size()) + ": " + compact(a));
      return;
    }
    for (rapidjson::SizeType i = 0; i < e.Size(); ++i)
      walk(path + "[" + std::to_string(i) + "]", e[i], a[i], out);
    return;
  }
  if (e.IsString() && a.IsString()) {
    if (view(e) != view(a))
      out.push_back(path + ": " + describe_string_difference(view(e), view(a)));
    return;
  }
  if (!scalar_equal(e, a))
    out.push_back(path + ": expected " + compact(e) + ", got " + compact(a));
}

} // namespace

std::string describe_string_difference(std::string_view expected, std::string_view actual) {
  const size_t n = std::min(expected.size(), actual.size());
  size_t at = 0;
  while (at < n && expected[at] == actual[at])
    ++at;
  const size_t from = at > 24 ? at - 24 : 0;
  auto around = [&](std::string_view s) {
    return "\"" + report::visible(s.substr(from, std::min<size_t>(48, s.size() - std::min(from, s.size())))) +
           "\"";
  };
  return "first difference at byte " + std::to_string(at) + " (expected " +
         std::to_string(expected.size()) + " bytes, got " + std::to_string(actual.size()) +
         "): expected " + around(expected) + " got " + around(actual) +
         (from ? " (both from byte " + std::to_string(from) + ")" : "");
}

rapidjson::Document judged_part(const rapidjson::Value &expectation, pipeline::Kind kind) {
  rapidjson::Document out(rapidjson::kObjectType);
  if (!expectation.IsObject())
    return out;
  for (const auto &m : expectation.GetObject()) {
    const std::string_view key(m.name.GetString(), m.name.GetStringLength());
    if (kind == pipeline::Kind::profile && key != "done" && key != "choices" && key != "usage" &&
        key != "raised")
      continue;
    out.AddMember(rapidjson::Value(m.name, out.GetAllocator()),
                  rapidjson::Value(m.value, out.GetAllocator()), out.GetAllocator());
  }
  return out;
}

std::vector<std::string> compare(const Value &expected, const Value &actual) {
  std::vector<std::string> out;
  walk("", expected, actual, out);
  return out;
}

} // namespace harness::check

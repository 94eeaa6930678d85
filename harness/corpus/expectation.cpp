#include "corpus/expectation.hpp"

namespace harness::corpus {

namespace {

using json::member;

/// `name` as a JSON pointer token ('~' -> "~0", '/' -> "~1").
std::string pointer_token(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

const rapidjson::Value *expect_of(const Case &c) {
  return c.document ? member(*c.document, "expect") : nullptr;
}

} // namespace

bool is_rule_id(std::string_view rule) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t dot = rule.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == rule.size())
    return false;
  for (size_t i = 0; i < rule.size(); ++i) {
    char c = rule[i];
    bool ok = i < dot ? lower(c) : i == dot || lower(c) || digit(c) || c == '-';
    if (!ok)
      return false;
  }
  return true;
}

Status check_finding_counts(const rapidjson::Value &expect, const std::string &file) {
  if (!expect.IsObject())
    return ok_status();
  for (const auto &entry : expect.GetObject()) {
    const rapidjson::Value *findings = member(entry.value, "findings");
    if (!findings || !findings->IsObject())
      continue;
    for (const auto &count : findings->GetObject()) {
      std::string_view rule(count.name.GetString(), count.name.GetStringLength());
      if (!is_rule_id(rule))
        return Error{file, std::nullopt,
                     "at /expect/" +
                         pointer_token({entry.name.GetString(), entry.name.GetStringLength()}) +
                         "/findings: \"" + std::string(rule) +
                         "\" is not a rule id (layer.name in lowercase, e.g. "
                         "sse.payload-on-next-line)"};
    }
  }
  return ok_status();
}

std::optional<rapidjson::Document> expectation_for(const Case &c, std::string_view parser) {
  const rapidjson::Value *expect = expect_of(c);
  if (!expect)
    return std::nullopt;
  const rapidjson::Value *base = member(*expect, kDefaultExpectation);
  const rapidjson::Value *own = parser == kDefaultExpectation ? nullptr : member(*expect, parser);
  if (!base && !own)
    return std::nullopt;

  rapidjson::Document out;
  out.SetObject();
  rapidjson::Document::AllocatorType &alloc = out.GetAllocator();
  if (base && base->IsObject())
    for (const auto &m : base->GetObject())
      out.AddMember(rapidjson::Value(m.name, alloc), rapidjson::Value(m.value, alloc), alloc);
  if (own && own->IsObject())
    for (const auto &m : own->GetObject()) {
      auto existing = out.FindMember(m.name);
      if (existing != out.MemberEnd())
        existing->value.CopyFrom(m.value, alloc);
      else
        out.AddMember(rapidjson::Value(m.name, alloc), rapidjson::Value(m.value, alloc), alloc);
    }
  return out;
}

std::vector<std::string> expectation_parsers(const Case &c) {
  std::vector<std::string> names;
  const rapidjson::Value *expect = expect_of(c);
  if (!expect || !expect->IsObject())
    return names;
  for (const auto &m : expect->GetObject()) {
    std::string name(m.name.GetString(), m.name.GetStringLength());
    if (name != kDefaultExpectation)
      names.push_back(std::move(name));
  }
  return names;
}

} // namespace harness::corpus

#include "corpus/case_writer.hpp"

#include <array>
#include <string_view>

namespace harness::corpus {

namespace {

constexpr std::array<std::string_view, 11> kKeyOrder = {
    "case_format", "title", "why",    "stream", "provenance", "request",
    "response",    "dialect", "tags", "expect", "disputed"};

bool is_ordered_key(std::string_view key) {
  for (std::string_view k : kKeyOrder)
    if (k == key)
      return true;
  return false;
}

} // namespace

std::string render_json(const rapidjson::Value &value) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string render_case_json(const rapidjson::Value &doc) {
  if (!doc.IsObject())
    return render_json(doc) + "\n";
  // Shallow reordering: the members are copied into a new object in the wanted order.
  rapidjson::Document ordered(rapidjson::kObjectType);
  auto &alloc = ordered.GetAllocator();
  auto add = [&](const rapidjson::Value &name, const rapidjson::Value &value) {
    ordered.AddMember(rapidjson::Value(name, alloc), rapidjson::Value(value, alloc), alloc);
  };
  for (std::string_view key : kKeyOrder) {
    auto it = doc.FindMember(
        rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
    if (it != doc.MemberEnd())
      add(it->name, it->value);
  }
  for (const auto &m : doc.GetObject())
    if (!is_ordered_key({m.name.GetString(), m.name.GetStringLength()}))
      add(m.name, m.value);
  return render_json(ordered) + "\n";
}

} // namespace harness::corpus

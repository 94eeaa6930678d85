#include "dialect/chat/error_event.hpp"

#include "json/rapidjson.hpp"

namespace harness::chat {

namespace {

const rapidjson::Value *member(const rapidjson::Value &object, const char *name) {
  const auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string text(const rapidjson::Value &v) { return std::string(v.GetString(), v.GetStringLength()); }

} // namespace

std::string error_event_message(std::string_view data) {
  rapidjson::Document doc;
  rapidjson::MemoryStream stream(data.data(), data.size());
  doc.ParseStream<json::kParseFlags>(stream);
  if (doc.HasParseError() || stream.Tell() != data.size() || !doc.IsObject())
    return std::string(data);
  if (const rapidjson::Value *error = member(doc, "error")) {
    if (error->IsString())
      return text(*error);
    if (error->IsObject())
      if (const rapidjson::Value *message = member(*error, "message"); message && message->IsString())
        return text(*message);
  }
  if (const rapidjson::Value *message = member(doc, "message"); message && message->IsString())
    return text(*message);
  return std::string(data);
}

} // namespace harness::chat

#include "dialect/common/json_payload.hpp"

#include "core/text.hpp"
#include "dialect/chat/error_event.hpp"
#include "dialect/chat/findings.hpp"

namespace harness::dialect {

void add_finding(StreamResult &result, const rules::Rule &rule, const sse::Event &event,
                 std::string message) {
  result.findings.push_back(
      rules::make_finding(rule, event.data_offset, event.index, std::move(message)));
}

void report_error(StreamResult &result, const sse::Event &event, bool from_event) {
  std::string message = chat::error_event_message(event.data);
  add_finding(result, from_event ? rules::error_event : rules::error_payload, event,
              (from_event ? "an error event: " : "the payload reports an error: ") +
                  chat::quoted(message));
  result.errors.push_back(StreamError{std::move(message), from_event ? "event" : "payload",
                                      event.data_offset, event.index});
}

const rapidjson::Value *parse_object(std::string_view data, DocumentMemo &memo) {
  ParseOutcome outcome;
  const rapidjson::Document *doc = memo.parse(data, outcome);
  return doc != nullptr && doc->IsObject() ? doc : nullptr;
}

const rapidjson::Value *read_object(const sse::Event &event, DocumentMemo &memo,
                                    StreamResult &result) {
  ParseOutcome outcome;
  const rapidjson::Document *doc = memo.parse(event.data, outcome);
  if (doc == nullptr) {
    // Exact for one data line; when several were joined, the "data:" prefixes of later lines are
    // not counted (as in the chat decoder).
    result.findings.push_back(rules::make_finding(
        rules::json_invalid,
        chat::payload_stream_offset(event.data_offset, event.data, outcome.error_offset),
        event.index,
        "the payload is not valid JSON (byte " + std::to_string(outcome.error_offset) +
            " of the payload): " + outcome.message));
    return nullptr;
  }
  if (!doc->IsObject()) {
    add_finding(result, rules::json_not_object, event,
                "the payload is valid JSON but not an object");
    return nullptr;
  }
  return doc;
}

const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name) {
  if (!object.IsObject())
    return nullptr;
  const rapidjson::Value *found = nullptr;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it)
    if (view(it->name) == name)
      found = &it->value; // the last of repeated keys wins
  return found;
}

std::optional<std::string_view> string_member(const rapidjson::Value &object,
                                              std::string_view name) {
  const rapidjson::Value *v = member(object, name);
  if (v == nullptr || !v->IsString())
    return std::nullopt;
  return view(*v);
}

std::optional<int64_t> int_member(const rapidjson::Value &object, std::string_view name) {
  const rapidjson::Value *v = member(object, name);
  if (v == nullptr || !v->IsInt64())
    return std::nullopt;
  return v->GetInt64();
}

const rapidjson::Value *object_member(const rapidjson::Value &object, std::string_view name) {
  const rapidjson::Value *v = member(object, name);
  return v != nullptr && v->IsObject() ? v : nullptr;
}

std::string_view view(const rapidjson::Value &string) {
  return {string.GetString(), string.GetStringLength()};
}

std::string compact_json(const rapidjson::Value &value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string error_text(const rapidjson::Value &error) {
  if (error.IsString())
    return std::string(view(error));
  if (const auto message = string_member(error, "message"))
    return std::string(*message);
  return compact_json(error);
}

bool is_json_object(std::string_view text, std::string &why) {
  rapidjson::Document doc;
  const ParseOutcome outcome = full_parse(text, doc);
  if (!outcome.valid) {
    why = outcome.message + " (byte " + std::to_string(outcome.error_offset) + ")";
    return false;
  }
  if (!doc.IsObject()) {
    why = std::string("valid JSON, but ") + std::string(type_name(doc)) + ", not an object";
    return false;
  }
  return true;
}

std::string_view type_name(const rapidjson::Value &value) {
  // In rapidjson::Type's order: null, false, true, object, array, string, number.
  static constexpr std::array<std::string_view, 7> kNames = {
      "null", "a boolean", "a boolean", "an object", "an array", "a string", "a number"};
  return name_of(value.GetType(), kNames, "a value");
}

} // namespace harness::dialect

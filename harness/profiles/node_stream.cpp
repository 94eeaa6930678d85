#include "profiles/node_stream.hpp"

namespace harness::profiles {

std::unique_ptr<sse::Parser> make_node_parser(sse::EventSink &sink) {
  return make_sdk_line_parser(sink, kNodeLines);
}

std::string api_error_message(const JsonValue *error, const JsonValue *message) {
  if (error) {
    if (const JsonValue *m = last_member(*error, "message"); m && js_truthy(*m))
      return m->IsString() ? std::string(m->GetString(), m->GetStringLength()) : compact_json(*m);
    if (js_truthy(*error))
      return compact_json(*error);
  }
  if (message && js_truthy(*message))
    return message->IsString() ? std::string(message->GetString(), message->GetStringLength())
                               : compact_json(*message);
  return "(no status code or body)";
}

std::string js_string_literal(std::string_view text) {
  const rapidjson::Value v(rapidjson::StringRef(text.data(), text.size()));
  return compact_json(v);
}

void NodeStreamDecoder::on_sdk_event(const sse::Event &event) {
  if (event.data == "[DONE]") {
    set_done();
    stop_reading();
    return;
  }
  rapidjson::Document doc;
  if (parse_json(event.data, JsonRuntime::v8, doc)) {
    raise("Error reading response: malformed server-sent event JSON.");
    return;
  }
  if (event.type.substr(0, 7) == "thread.") {
    rapidjson::Document wrapper(rapidjson::kObjectType);
    auto &a = wrapper.GetAllocator();
    wrapper.AddMember("event", rapidjson::Value(event.type.data(),
                                                static_cast<rapidjson::SizeType>(event.type.size()), a),
                      a);
    wrapper.AddMember("data", rapidjson::Value(doc, a), a);
    on_item(wrapper, event);
    return;
  }
  if (event.type == "error") {
    const JsonValue *nested = last_member(doc, "error");
    const JsonValue *error = nested && !nested->IsNull() ? nested : &doc; // data?.error ?? data
    std::string message = api_error_message(error->IsNull() ? nullptr : error, nullptr);
    add_error(message, event, true);
    raise(std::move(message));
    return;
  }
  if (const JsonValue *error = last_member(doc, "error"); error && js_truthy(*error)) {
    std::string message = api_error_message(error, nullptr);
    add_error(message, event, false);
    raise(std::move(message));
    return;
  }
  on_item(doc, event);
}

} // namespace harness::profiles

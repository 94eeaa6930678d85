#include "dialect/responses/output_items.hpp"

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "rules/catalog.hpp"

namespace harness::responses {

namespace {

using dialect::add_finding;
using dialect::int_member;
using dialect::object_member;
using dialect::string_member;

struct TextTraits {
  std::string_view item_type;   ///< the output item type the text belongs to
  std::string_view index_field; ///< which member numbers the part
  std::string_view done_field;  ///< the member of the .done event holding the final text
};

TextTraits traits(TextKind kind) {
  switch (kind) {
  case TextKind::output_text:
    return {"message", "content_index", "text"};
  case TextKind::refusal:
    return {"message", "content_index", "refusal"};
  case TextKind::reasoning_text:
    return {"reasoning", "content_index", "text"};
  case TextKind::reasoning_summary:
    return {"reasoning", "summary_index", "text"};
  }
  return {};
}

std::string &target(TextKind kind, Choice &choice) {
  switch (kind) {
  case TextKind::output_text:
    return choice.text;
  case TextKind::refusal:
    return choice.refusal;
  case TextKind::reasoning_text:
  case TextKind::reasoning_summary:
    break;
  }
  return choice.reasoning;
}

std::string item_name(int64_t output_index) {
  return "output item " + std::to_string(output_index);
}

} // namespace

OutputItems::Item *OutputItems::locate(std::string_view type, const rapidjson::Value &payload,
                                       const sse::Event &event) {
  const auto output_index = int_member(payload, "output_index");
  const auto item_id = string_member(payload, "item_id");
  if (output_index) {
    for (Item &item : items_)
      if (item.output_index == *output_index)
        return &item;
  } else if (item_id) {
    for (Item &item : items_)
      if (item.id == *item_id)
        return &item;
  } else {
    add_finding(result_, rules::responses_malformed_event, event,
                std::string(type) + " without an integer output_index or a string item_id; "
                                    "ignored");
    return nullptr;
  }
  add_finding(result_, rules::responses_unknown_item, event,
              std::string(type) + " for " +
                  (output_index ? "output_index " + std::to_string(*output_index)
                                : "item_id " + chat::quoted(*item_id)) +
                  ", which no response.output_item.added announced; ignored");
  return nullptr;
}

OutputItems::Item *OutputItems::locate_typed(std::string_view type, std::string_view wanted,
                                             const rapidjson::Value &payload,
                                             const sse::Event &event) {
  Item *item = locate(type, payload, event);
  if (item != nullptr && item->type != wanted) {
    add_finding(result_, rules::responses_item_type_mismatch, event,
                std::string(type) + " for " + item_name(item->output_index) + " of type " +
                    chat::quoted(item->type) + "; ignored");
    return nullptr;
  }
  return item;
}

OutputItems::Part &OutputItems::part(Item &item, TextKind kind, int64_t index) {
  for (Part &p : item.parts)
    if (p.kind == kind && p.index == index)
      return p;
  item.parts.push_back(Part{kind, index, {}, false, false});
  return item.parts.back();
}

bool OutputItems::settle(std::string_view what, std::string_view final_value, bool delta_seen,
                         bool &settled, std::string_view streamed, const sse::Event &event) {
  if (!delta_seen && !settled) {
    settled = true;
    if (final_value.empty())
      return false;
    add_finding(result_, rules::responses_done_without_deltas, event,
                std::string(what) + " " + chat::quoted(final_value) +
                    " arrived without any delta; it is used");
    return true;
  }
  settled = true;
  if (final_value != streamed)
    add_finding(result_, rules::responses_done_text_mismatch, event,
                std::string(what) + " " + chat::quoted(final_value) + " (" +
                    std::to_string(final_value.size()) + " bytes) differs from its deltas " +
                    chat::quoted(streamed) + " (" + std::to_string(streamed.size()) +
                    " bytes); the deltas are kept");
  return false;
}

void OutputItems::added(const rapidjson::Value &payload, const sse::Event &event, Choice &choice) {
  const auto output_index = int_member(payload, "output_index");
  const rapidjson::Value *item = object_member(payload, "item");
  const auto type = item != nullptr ? string_member(*item, "type") : std::nullopt;
  if (!output_index || !type) {
    add_finding(result_, rules::responses_malformed_event, event,
                !output_index ? "response.output_item.added without an integer output_index; "
                                "ignored"
                              : "response.output_item.added without an item object with a "
                                "string type; ignored");
    return;
  }
  for (const Item &known : items_)
    if (known.output_index == *output_index) {
      add_finding(result_, rules::responses_item_repeated, event,
                  "a second response.output_item.added for " + item_name(*output_index) + " (" +
                      chat::quoted(*type) + ", first " + chat::quoted(known.type) +
                      "); the first is kept");
      return;
    }
  Item &it = items_.emplace_back();
  it.output_index = *output_index;
  it.type.assign(*type);
  if (const auto id = string_member(*item, "id"))
    it.id.assign(*id);
  if (*type == "message") {
    if (!choice.role) {
      const auto role = string_member(*item, "role");
      choice.role.emplace(role && !role->empty() ? *role : "assistant");
    }
  } else if (*type == "function_call") {
    ToolCall call;
    call.index = static_cast<int64_t>(choice.tool_calls.size());
    if (const auto call_id = string_member(*item, "call_id"); call_id && !call_id->empty())
      call.id.emplace(*call_id);
    call.type.emplace("function");
    if (const auto name = string_member(*item, "name"); name && !name->empty())
      call.name.emplace(*name);
    it.tool = choice.tool_calls.size();
    choice.tool_calls.push_back(std::move(call));
  }
}

void OutputItems::done(const rapidjson::Value &payload, const sse::Event &event, Choice &choice) {
  constexpr std::string_view type = "response.output_item.done";
  Item *it = locate(type, payload, event);
  if (it == nullptr || it->tool == kNoTool)
    return;
  const rapidjson::Value *item = object_member(payload, "item");
  if (item == nullptr) {
    add_finding(result_, rules::responses_malformed_event, event,
                "response.output_item.done without an item object");
    return;
  }
  ToolCall &call = choice.tool_calls[it->tool];
  if (const auto call_id = string_member(*item, "call_id");
      call_id && !call_id->empty() && !call.id)
    call.id.emplace(*call_id);
  if (const auto name = string_member(*item, "name"); name && !name->empty() && !call.name)
    call.name.emplace(*name);
  if (const auto arguments = string_member(*item, "arguments"))
    if (settle("the done function_call item's arguments", *arguments, it->arguments_delta_seen,
               it->arguments_settled, call.arguments, event))
      call.arguments.assign(*arguments);
  std::string why;
  if (!call.arguments.empty() && !dialect::is_json_object(call.arguments, why))
    add_finding(result_, rules::responses_tool_arguments_invalid, event,
                item_name(it->output_index) + " (function_call " +
                    chat::quoted(call.name.value_or("")) +
                    "): the arguments are not a JSON object: " + why);
}

void OutputItems::refer(std::string_view type, const rapidjson::Value &payload,
                        const sse::Event &event) {
  if (dialect::member(payload, "output_index") != nullptr ||
      dialect::member(payload, "item_id") != nullptr)
    locate(type, payload, event);
}

void OutputItems::text_delta(TextKind kind, std::string_view type, const rapidjson::Value &payload,
                             const sse::Event &event, Choice &choice) {
  const TextTraits t = traits(kind);
  Item *item = locate_typed(type, t.item_type, payload, event);
  if (item == nullptr)
    return;
  const auto delta = string_member(payload, "delta");
  if (!delta) {
    add_finding(result_, rules::responses_malformed_event, event,
                std::string(type) + " without a string delta; ignored");
    return;
  }
  Part &p = part(*item, kind, int_member(payload, t.index_field).value_or(0));
  p.streamed.append(*delta);
  p.delta_seen = true;
  target(kind, choice).append(*delta);
}

void OutputItems::text_done(TextKind kind, std::string_view type, const rapidjson::Value &payload,
                            const sse::Event &event, Choice &choice) {
  const TextTraits t = traits(kind);
  Item *item = locate_typed(type, t.item_type, payload, event);
  if (item == nullptr)
    return;
  const auto final_value = string_member(payload, t.done_field);
  if (!final_value) {
    add_finding(result_, rules::responses_malformed_event, event,
                std::string(type) + " without a string " + std::string(t.done_field) + "; ignored");
    return;
  }
  Part &p = part(*item, kind, int_member(payload, t.index_field).value_or(0));
  if (settle(std::string(type) + "'s " + std::string(t.done_field), *final_value, p.delta_seen,
             p.settled, p.streamed, event)) {
    p.streamed.assign(*final_value);
    target(kind, choice).append(*final_value);
  }
}

void OutputItems::arguments_delta(std::string_view type, const rapidjson::Value &payload,
                                  const sse::Event &event, Choice &choice) {
  Item *item = locate_typed(type, "function_call", payload, event);
  if (item == nullptr)
    return;
  const auto delta = string_member(payload, "delta");
  if (!delta) {
    add_finding(result_, rules::responses_malformed_event, event,
                std::string(type) + " without a string delta; ignored");
    return;
  }
  item->arguments_delta_seen = true;
  choice.tool_calls[item->tool].arguments.append(*delta);
}

void OutputItems::arguments_done(std::string_view type, const rapidjson::Value &payload,
                                 const sse::Event &event, Choice &choice) {
  Item *item = locate_typed(type, "function_call", payload, event);
  if (item == nullptr)
    return;
  const auto arguments = string_member(payload, "arguments");
  if (!arguments) {
    add_finding(result_, rules::responses_malformed_event, event,
                std::string(type) + " without a string arguments; ignored");
    return;
  }
  ToolCall &call = choice.tool_calls[item->tool];
  if (settle(std::string(type) + "'s arguments", *arguments, item->arguments_delta_seen,
             item->arguments_settled, call.arguments, event))
    call.arguments.assign(*arguments);
}

} // namespace harness::responses

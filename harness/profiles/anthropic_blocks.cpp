#include "profiles/anthropic_blocks.hpp"

namespace harness::profiles {

namespace {

std::string text_of(const JsonValue *v) {
  auto s = string_of(v);
  return s ? std::string(*s) : std::string();
}

} // namespace

void AnthropicBlock::apply(const JsonValue &delta) {
  const auto kind = string_of(last_member(delta, "type"));
  if (!kind)
    return;
  if (*kind == "text_delta" && type == "text") {
    text += text_of(last_member(delta, "text"));
  } else if (*kind == "thinking_delta" && type == "thinking") {
    text += text_of(last_member(delta, "thinking"));
  } else if (*kind == "input_json_delta" && (type == "tool_use" || type == "server_tool_use")) {
    json_buf += text_of(last_member(delta, "partial_json"));
    json_seen = true;
  }
}

void AnthropicBlocks::start(const JsonValue *content) {
  if (content && content->IsArray())
    for (const JsonValue &block : content->GetArray())
      if (block.IsObject())
        append(block);
}

void AnthropicBlocks::append(const JsonValue &block) {
  AnthropicBlock b;
  b.type = text_of(last_member(block, "type"));
  if (b.type == "text")
    b.text = text_of(last_member(block, "text"));
  else if (b.type == "thinking")
    b.text = text_of(last_member(block, "thinking"));
  if (auto id = string_of(last_member(block, "id")))
    b.id = std::string(*id);
  if (auto name = string_of(last_member(block, "name")))
    b.name = std::string(*name);
  if (const JsonValue *input = last_member(block, "input");
      input && input->IsObject() && input->MemberCount() > 0)
    b.input = compact_json(*input);
  blocks_.push_back(std::move(b));
}

AnthropicBlock *AnthropicBlocks::at(int64_t index) {
  const auto size = static_cast<int64_t>(blocks_.size());
  if (index < 0)
    index += size;
  if (index < 0 || index >= size)
    return nullptr;
  return &blocks_[static_cast<size_t>(index)];
}

void AnthropicBlocks::fill(Choice &choice) const {
  int64_t tool = 0;
  for (const AnthropicBlock &b : blocks_) {
    if (b.type == "text") {
      choice.text += b.text;
    } else if (b.type == "thinking") {
      choice.reasoning += b.text;
    } else if (b.type == "tool_use" || b.type == "server_tool_use" || b.type == "mcp_tool_use") {
      ToolCall call;
      call.index = tool++;
      call.id = b.id;
      call.type = b.type;
      call.name = b.name;
      call.arguments = b.json_seen && !b.json_buf.empty() ? b.json_buf : b.input;
      choice.tool_calls.push_back(std::move(call));
    }
  }
}

AnthropicMessage AnthropicMessage::from_start(const JsonValue &message) {
  AnthropicMessage m;
  if (auto role = string_of(last_member(message, "role")))
    m.role = std::string(*role);
  if (const JsonValue *usage = last_member(message, "usage"); usage && usage->IsObject()) {
    m.has_usage = true;
    m.input_tokens = int_of(last_member(*usage, "input_tokens"));
    m.output_tokens = int_of(last_member(*usage, "output_tokens"));
  }
  m.blocks.start(last_member(message, "content"));
  return m;
}

void AnthropicMessage::take_stop_reason(const JsonValue &delta) {
  auto reason = string_of(last_member(delta, "stop_reason"));
  stop_reason = reason ? std::optional<std::string>(*reason) : std::nullopt;
}

void AnthropicMessage::take_usage(const JsonValue &usage) {
  output_tokens = int_of(last_member(usage, "output_tokens"));
  if (const JsonValue *input = last_member(usage, "input_tokens"); input && !input->IsNull())
    input_tokens = int_of(input);
}

void AnthropicMessage::fill(StreamResult &result) const {
  Choice c;
  c.role = role;
  if (stop_reason && !stop_reason->empty())
    c.finish_reason = stop_reason;
  blocks.fill(c);
  result.choices.push_back(std::move(c));
  if (has_usage) {
    Usage u;
    u.prompt_tokens = input_tokens;
    u.completion_tokens = output_tokens;
    result.usage = u;
  }
}

} // namespace harness::profiles

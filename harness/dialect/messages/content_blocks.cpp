#include "dialect/messages/content_blocks.hpp"

#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "rules/catalog.hpp"

namespace harness::messages {

namespace {

using dialect::add_finding;
using dialect::int_member;
using dialect::object_member;
using dialect::string_member;

bool is_tool_type(std::string_view t) {
  return t == "tool_use" || t == "server_tool_use" || t == "mcp_tool_use";
}

// Blocks that show nothing: opaque reasoning, results of server-run tools, uploaded files.
bool is_opaque_type(std::string_view t) {
  return t == "redacted_thinking" || t.ends_with("_tool_result") || t == "container_upload";
}

std::string block_name(int64_t index) {
  return "block " + std::to_string(index);
}

} // namespace

ContentBlocks::Block *ContentBlocks::find(int64_t index) {
  for (Block &b : blocks_)
    if (b.index == index)
      return &b;
  return nullptr;
}

void ContentBlocks::open(Block &block, std::string_view type, const rapidjson::Value &content,
                         Choice &choice, const sse::Event &event) {
  block.type.assign(type);
  block.stopped = false;
  block.settled = false;
  block.tool = kNoTool;
  block.input.clear();
  if (type == "text") {
    block.kind = Kind::text;
    if (const auto text = string_member(content, "text"))
      choice.text.append(*text);
  } else if (type == "thinking") {
    block.kind = Kind::thinking;
    if (const auto thinking = string_member(content, "thinking"))
      choice.reasoning.append(*thinking);
  } else if (is_tool_type(type)) {
    block.kind = Kind::tool;
    ToolCall call;
    call.index = static_cast<int64_t>(choice.tool_calls.size());
    if (const auto id = string_member(content, "id"); id && !id->empty())
      call.id.emplace(*id);
    call.type.emplace(type);
    if (const auto name = string_member(content, "name"); name && !name->empty())
      call.name.emplace(*name);
    if (const rapidjson::Value *input = object_member(content, "input");
        input != nullptr && input->MemberCount() > 0)
      block.input = dialect::compact_json(*input);
    block.tool = choice.tool_calls.size();
    choice.tool_calls.push_back(std::move(call));
  } else if (is_opaque_type(type)) {
    block.kind = Kind::opaque;
  } else {
    block.kind = Kind::unknown;
    add_finding(result_, rules::messages_unknown_block_type, event,
                block_name(block.index) + " has type " + chat::quoted(type) +
                    ", which the decoder does not know; it is ignored");
  }
}

void ContentBlocks::start(const rapidjson::Value &payload, const sse::Event &event,
                          Choice &choice) {
  const auto index = int_member(payload, "index");
  const rapidjson::Value *content = object_member(payload, "content_block");
  const auto type = content != nullptr ? string_member(*content, "type") : std::nullopt;
  if (!index || !type) {
    add_finding(result_, rules::messages_malformed_event, event,
                !index ? "content_block_start without an integer index; ignored"
                       : "content_block_start without a content_block object with a string "
                         "type; ignored");
    return;
  }
  if (Block *existing = find(*index)) {
    add_finding(result_, rules::messages_block_restarted, event,
                "content_block_start for " + block_name(*index) + " (" + chat::quoted(*type) +
                    "), which already started as " + chat::quoted(existing->type) +
                    "; the new block replaces it");
    settle(*existing, choice, nullptr); // the old tool call keeps what it had
    open(*existing, *type, *content, choice, event);
    return;
  }
  const auto expected = static_cast<int64_t>(blocks_.size());
  if (*index != expected)
    add_finding(result_, rules::messages_block_index_gap, event,
                "content_block_start for " + block_name(*index) + " where block " +
                    std::to_string(expected) + " was next");
  blocks_.emplace_back();
  blocks_.back().index = *index;
  open(blocks_.back(), *type, *content, choice, event);
}

void ContentBlocks::delta(const rapidjson::Value &payload, const sse::Event &event,
                          Choice &choice) {
  const auto index = int_member(payload, "index");
  const rapidjson::Value *d = object_member(payload, "delta");
  const auto type = d != nullptr ? string_member(*d, "type") : std::nullopt;
  if (!index || !type) {
    add_finding(result_, rules::messages_malformed_event, event,
                !index ? "content_block_delta without an integer index; ignored"
                       : "content_block_delta without a delta object with a string type; "
                         "ignored");
    return;
  }
  Block *block = find(*index);
  if (block == nullptr) {
    add_finding(result_, rules::messages_block_not_started, event,
                "content_block_delta for " + block_name(*index) +
                    ", which no content_block_start opened; ignored");
    return;
  }
  if (block->stopped)
    add_finding(result_, rules::messages_block_after_stop, event,
                "content_block_delta for " + block_name(*index) +
                    " after its content_block_stop; still applied");

  // What the delta carries and which block kind it fits.
  Kind fits = Kind::unknown;
  std::string_view field; // the string member it appends, empty when it shows nothing
  if (*type == "text_delta") {
    fits = Kind::text;
    field = "text";
  } else if (*type == "citations_delta") {
    fits = Kind::text;
  } else if (*type == "thinking_delta") {
    fits = Kind::thinking;
    field = "thinking";
  } else if (*type == "signature_delta") {
    fits = Kind::thinking;
  } else if (*type == "input_json_delta") {
    fits = Kind::tool;
    field = "partial_json";
  } else {
    add_finding(result_, rules::messages_unknown_delta_type, event,
                block_name(*index) + ": delta type " + chat::quoted(*type) +
                    ", which the decoder does not know; ignored");
    return;
  }
  if (block->kind == Kind::unknown)
    return; // already reported at the block's start
  if (block->kind != fits) {
    add_finding(result_, rules::messages_delta_block_mismatch, event,
                std::string(*type) + " for " + block_name(*index) + " of type " +
                    chat::quoted(block->type) + "; ignored");
    return;
  }
  if (field.empty())
    return;
  const auto value = string_member(*d, field);
  if (!value) {
    add_finding(result_, rules::messages_malformed_event, event,
                block_name(*index) + ": " + std::string(*type) + " without a string " +
                    std::string(field) + "; ignored");
    return;
  }
  switch (block->kind) {
  case Kind::text:
    choice.text.append(*value);
    break;
  case Kind::thinking:
    choice.reasoning.append(*value);
    break;
  case Kind::tool:
    choice.tool_calls[block->tool].arguments.append(*value);
    break;
  case Kind::opaque:
  case Kind::unknown:
    break;
  }
}

void ContentBlocks::stop(const rapidjson::Value &payload, const sse::Event &event, Choice &choice) {
  const auto index = int_member(payload, "index");
  if (!index) {
    add_finding(result_, rules::messages_malformed_event, event,
                "content_block_stop without an integer index; ignored");
    return;
  }
  Block *block = find(*index);
  if (block == nullptr) {
    add_finding(result_, rules::messages_block_not_started, event,
                "content_block_stop for " + block_name(*index) +
                    ", which no content_block_start opened; ignored");
    return;
  }
  if (block->stopped) {
    add_finding(result_, rules::messages_block_after_stop, event,
                "a second content_block_stop for " + block_name(*index) + "; ignored");
    return;
  }
  block->stopped = true;
  settle(*block, choice, &event);
}

void ContentBlocks::settle(Block &block, Choice &choice, const sse::Event *event) {
  if (block.settled || block.kind != Kind::tool)
    return;
  block.settled = true;
  ToolCall &call = choice.tool_calls[block.tool];
  if (call.arguments.empty()) {
    call.arguments = block.input;
    return;
  }
  std::string why;
  if (event != nullptr && !dialect::is_json_object(call.arguments, why))
    add_finding(result_, rules::messages_tool_input_invalid, *event,
                block_name(block.index) + " (" + block.type + " " +
                    chat::quoted(call.name.value_or("")) +
                    "): the input_json_delta fragments are not a JSON object: " + why);
}

void ContentBlocks::close_open(const sse::Event &event, Choice &choice) {
  for (Block &b : blocks_) {
    if (b.stopped)
      continue;
    add_finding(result_, rules::messages_block_not_stopped, event,
                "message_stop while " + block_name(b.index) + " (" + chat::quoted(b.type) +
                    ") has had no content_block_stop");
    b.stopped = true;
    settle(b, choice, nullptr);
  }
}

void ContentBlocks::settle_all(Choice &choice) {
  for (Block &b : blocks_)
    settle(b, choice, nullptr);
}

} // namespace harness::messages

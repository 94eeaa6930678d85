// Profile "openai-node-responses": `client.responses.stream(...)` (a ResponseStream) consumed to
// the end, then `await stream.finalResponse()`. Source files (openai/openai-node, as published in
// openai 7.60.0 on npm, src/):
//   core/streaming.ts                        the transport (node_stream.hpp)
//   lib/responses/ResponseStream.ts          #addEvent, #prepareEvent, #prepareOutputEvent,
//                                            #assertComplete, #endRequest, finalResponse
//   internal/responses/response-accumulator.ts  accumulateResponseWithContext and what it
//                                            validates: the supported event types, item ids and
//                                            types, append-only indexes
// The final response is the last snapshot, whatever its status (an incomplete or failed response
// is returned, not thrown). Modelled: the checks that throw on streams real producers send (an
// unknown event type, an event before response.created, an item-scoped event whose item_id or
// item type does not match, an index that is not the next one, an item left unfinished by a
// response.completed without output). Not modelled: the interim reordering of output items by
// identity after a created/in_progress event that lists items, output_text annotations and
// logprobs, shell, code interpreter and image events beyond their item checks.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "profiles/node_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

bool supported(std::string_view type) {
  static constexpr std::string_view kTypes[] = {
      "response.output_item.added", "response.output_item.done", "response.content_part.added",
      "response.content_part.done", "response.output_text.delta", "response.output_text.done",
      "response.output_text.annotation.added", "response.refusal.delta", "response.refusal.done",
      "response.function_call_arguments.delta", "response.function_call_arguments.done",
      "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
      "response.mcp_call_arguments.delta", "response.mcp_call_arguments.done",
      "response.shell_call_command.added", "response.shell_call_command.done",
      "response.shell_call_command.delta", "response.shell_call_output_content.delta",
      "response.shell_call_output_content.done", "response.reasoning_text.delta",
      "response.reasoning_text.done", "response.reasoning_summary_part.added",
      "response.reasoning_summary_part.done", "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done", "response.code_interpreter_call_code.delta",
      "response.code_interpreter_call_code.done", "response.code_interpreter_call.in_progress",
      "response.code_interpreter_call.interpreting", "response.code_interpreter_call.completed",
      "response.file_search_call.in_progress", "response.file_search_call.searching",
      "response.file_search_call.completed", "response.web_search_call.in_progress",
      "response.web_search_call.searching", "response.web_search_call.completed",
      "response.image_generation_call.in_progress", "response.image_generation_call.generating",
      "response.image_generation_call.completed", "response.mcp_call.in_progress",
      "response.mcp_call.completed", "response.mcp_call.failed", "response.created",
      "response.queued", "response.in_progress", "response.completed", "response.failed",
      "response.incomplete", "response.audio.delta", "response.audio.done",
      "response.audio.transcript.delta", "response.audio.transcript.done",
      "response.compaction.compacting", "response.image_generation_call.partial_image",
      "response.mcp_list_tools.in_progress", "response.mcp_list_tools.completed",
      "response.mcp_list_tools.failed", "keepalive", "error"};
  for (std::string_view t : kTypes)
    if (t == type)
      return true;
  return false;
}

/// expectedOutputItemTypes: the item type an item-scoped event needs ("" when not item-scoped;
/// content_part events are decided by their part).
std::string_view expected_item_type(std::string_view type) {
  auto starts = [&](std::string_view p) { return type.substr(0, p.size()) == p; };
  if (starts("response.output_text.") || starts("response.refusal."))
    return "message";
  if (starts("response.function_call_arguments."))
    return "function_call";
  if (starts("response.custom_tool_call_input."))
    return "custom_tool_call";
  if (starts("response.mcp_call_arguments.") || starts("response.mcp_call."))
    return "mcp_call";
  if (starts("response.shell_call_output_content."))
    return "shell_call_output";
  if (starts("response.reasoning_text.") || starts("response.reasoning_summary_"))
    return "reasoning";
  if (starts("response.code_interpreter_call"))
    return "code_interpreter_call";
  if (starts("response.file_search_call."))
    return "file_search_call";
  if (starts("response.web_search_call."))
    return "web_search_call";
  if (starts("response.image_generation_call."))
    return "image_generation_call";
  if (starts("response.mcp_list_tools."))
    return "mcp_list_tools";
  if (type == "response.compaction.compacting")
    return "compaction";
  return "";
}

bool is_lifecycle(std::string_view t) {
  return t == "response.created" || t == "response.queued" || t == "response.in_progress" ||
         t == "response.completed" || t == "response.failed" || t == "response.incomplete";
}

std::string text_of(const JsonValue *v) {
  auto s = string_of(v);
  return s ? std::string(*s) : std::string();
}

struct Part {
  std::string type;
  std::string text; ///< text, or refusal for a refusal part
};

struct Item {
  std::string type;
  std::optional<std::string> id;      ///< an own string id
  std::optional<std::string> call_id; ///< function_call and the other routed calls
  std::optional<std::string> name;
  std::optional<std::string> role;
  std::string arguments;
  bool has_content = false;
  std::vector<Part> content;
  std::vector<Part> summary;
};

std::vector<Part> parts_of(const JsonValue *list, bool &present) {
  std::vector<Part> out;
  present = list && list->IsArray();
  if (present)
    for (const JsonValue &p : list->GetArray()) {
      const std::string type = text_of(last_member(p, "type"));
      out.push_back({type, text_of(last_member(p, type == "refusal" ? "refusal" : "text"))});
    }
  return out;
}

/// getOutputItemIdentityKeys: the identity keys of an item, or the error it throws.
std::optional<std::string> identity(const JsonValue &item, std::string_view event_type,
                                    std::vector<std::string> &keys) {
  const std::string where(event_type);
  const auto type = string_of(last_member(item, "type"));
  if (!type)
    return "expected an own output item type for " + where;
  const bool optional_id = *type == "function_call" || *type == "custom_tool_call";
  if (const JsonValue *id = last_member(item, "id")) {
    if (!id->IsString() || (id->GetStringLength() == 0 && *type != "computer_call"))
      return "expected a non-empty output item id for " + where;
    keys.push_back("id:" + text_of(id));
  } else if (!optional_id) {
    return "expected a non-empty output item id for " + where;
  }
  if (optional_id || *type == "shell_call" || *type == "shell_call_output") {
    const JsonValue *call = last_member(item, "call_id");
    if (!call || !call->IsString() || (call->GetStringLength() == 0 && *type != "function_call"))
      return "expected a non-empty output item call_id for " + where;
    keys.push_back("call:" + std::string(*type) + ":" + text_of(call));
  }
  return std::nullopt;
}

Item item_of(const JsonValue &v) {
  Item it;
  it.type = text_of(last_member(v, "type"));
  if (auto s = string_of(last_member(v, "id")))
    it.id = std::string(*s);
  if (auto s = string_of(last_member(v, "call_id")))
    it.call_id = std::string(*s);
  if (auto s = string_of(last_member(v, "name")))
    it.name = std::string(*s);
  if (auto s = string_of(last_member(v, "role")))
    it.role = std::string(*s);
  it.arguments = text_of(last_member(v, "arguments"));
  it.content = parts_of(last_member(v, "content"), it.has_content);
  bool unused = false;
  it.summary = parts_of(last_member(v, "summary"), unused);
  return it;
}

class NodeResponsesDecoder final : public NodeStreamDecoder {
  struct Snapshot {
    std::optional<std::string> id;
    std::optional<std::string> status;
    std::optional<Usage> usage;
    std::vector<Item> output;
  };

  void on_item(const JsonValue &event, const sse::Event &sse_event) override {
    const auto type = string_of(last_member(event, "type"));
    if (type == "error") {
      // `throw new APIError(undefined, event.error (an object) or the event, event.message)`
      const JsonValue *nested = last_member(event, "error");
      const JsonValue *error = nested && nested->IsObject() ? nested : &event;
      std::string message = api_error_message(error, last_member(event, "message"));
      add_error(message, sse_event, false);
      raise(std::move(message));
      return;
    }
    if (!type || !supported(*type)) {
      raise("Unhandled response stream event: unknown"); // sanitizeResponseEvent
      return;
    }
    if (auto error = add_event(std::string(*type), event))
      raise(std::move(*error));
  }

  std::optional<std::string> add_event(const std::string &type, const JsonValue &event) {
    if (is_lifecycle(type))
      return lifecycle(type, event);
    if (!snapshot_)
      return "When snapshot hasn't been set yet, expected 'response.created' event, got " + type;
    if (type == "keepalive")
      return std::nullopt;
    // #prepareOutputEvent: the wire output_index becomes the snapshot position.
    std::optional<size_t> position;
    if (const JsonValue *raw = last_member(event, "output_index")) {
      const auto wire = int_of(raw);
      if (!wire || *wire < 0)
        return std::string("Invalid response output index.");
      if (type == "response.output_item.added") {
        const JsonValue *item = last_member(event, "item");
        if (!item || item->IsNull())
          return std::nullopt; // ignored
        if (completed_.count(*wire) || unfinished_.count(*wire))
          return "Duplicate response output index " + std::to_string(*wire) + ".";
        return add_item(*wire, *item);
      }
      const auto it = positions_.find(*wire);
      if (it == positions_.end())
        return "missing output at index " + std::to_string(*wire);
      position = it->second;
    }
    if (!position)
      return std::string("missing output at index undefined");
    Item &item = snapshot_->output[*position];
    const std::string where = std::to_string(*position);
    if (type == "response.output_item.done")
      return replace_item(item, *last_member(event, "output_index"), event);
    // validateOutputItemIdentity for item-scoped events.
    const bool part_event = type.substr(0, 22) == "response.content_part.";
    const JsonValue *part = last_member(event, "part");
    std::string_view expected = expected_item_type(type);
    if (part_event)
      expected = text_of(part ? last_member(*part, "type") : nullptr) == "reasoning_text"
                     ? "reasoning"
                     : "message";
    if (!expected.empty()) {
      const auto item_id = string_of(last_member(event, "item_id"));
      if (!item_id || item_id->empty())
        return "expected a non-empty item_id for " + type;
      if (item.id != std::string(*item_id))
        return "expected item_id '" + item.id.value_or("undefined") + "', got '" +
               std::string(*item_id) + "'";
      if (item.type != expected)
        return "expected output item type '" + std::string(expected) + "', got '" + item.type +
               "'";
    }
    return accumulate(type, event, item, part);
  }

  std::optional<std::string> add_item(int64_t wire, const JsonValue &item) {
    std::vector<std::string> keys;
    if (auto error = identity(item, "response.output_item.added", keys))
      return error;
    for (const std::string &k : keys)
      if (identities_.count(k))
        return "duplicate output item identity '" + k + "'";
    identities_.insert(keys.begin(), keys.end());
    positions_[wire] = snapshot_->output.size();
    unfinished_.insert(wire);
    snapshot_->output.push_back(item_of(item));
    return std::nullopt;
  }

  // replaceResponseOutputItem -> validateResponseOutputItemIdentity.
  std::optional<std::string> replace_item(Item &old, const JsonValue &wire,
                                          const JsonValue &event) {
    const JsonValue *next = last_member(event, "item");
    rapidjson::Value empty(rapidjson::kObjectType);
    const JsonValue &replacement = next && next->IsObject() ? *next : empty;
    std::vector<std::string> keys;
    const char *what = "response.output_item.done";
    if (auto error = identity(replacement, what, keys))
      return error;
    const Item now = item_of(replacement);
    if (now.type != old.type)
      return "expected output item type '" + old.type + "', got '" + now.type + "'";
    const bool adds_id = !old.id && (old.type == "function_call" || old.type == "custom_tool_call");
    if (old.id != now.id && !adds_id)
      return "expected output item id '" + old.id.value_or("undefined") + "', got '" +
             now.id.value_or("undefined") + "'";
    if (old.call_id != now.call_id && (old.type == "function_call" || old.type == "shell_call"))
      return "expected output item call_id '" + old.call_id.value_or("undefined") + "', got '" +
             now.call_id.value_or("undefined") + "'";
    old = now;
    completed_.insert(*int_of(&wire));
    unfinished_.erase(*int_of(&wire));
    return std::nullopt;
  }

  std::optional<std::string> accumulate(const std::string &type, const JsonValue &event,
                                        Item &item, const JsonValue *part) {
    auto index_of = [&](const char *key) { return int_of(last_member(event, key)); };
    auto missing = [&](const char *key) {
      const auto i = index_of(key);
      return "missing content at index " + (i ? std::to_string(*i) : std::string("undefined"));
    };
    // getContent(list, index) with the part type the event needs.
    auto content = [&](std::vector<Part> &list, const char *key, std::string_view want,
                       Part *&out) -> std::optional<std::string> {
      const auto i = index_of(key);
      if (!i || *i < 0 || static_cast<size_t>(*i) >= list.size())
        return missing(key);
      out = &list[static_cast<size_t>(*i)];
      if (!want.empty() && out->type != want)
        return "expected content to be '" + std::string(want) + "', got " + out->type;
      return std::nullopt;
    };
    auto append = [&](std::vector<Part> &list, const char *key) -> std::optional<std::string> {
      const auto i = index_of(key);
      if (!i || *i != static_cast<int64_t>(list.size()))
        return missing(key);
      bool unused = false;
      rapidjson::Value one(rapidjson::kArrayType);
      rapidjson::MemoryPoolAllocator<> pool;
      if (part)
        one.PushBack(rapidjson::Value(*part, pool), pool);
      const auto parts = parts_of(&one, unused);
      list.insert(list.end(), parts.begin(), parts.end());
      return std::nullopt;
    };
    Part *p = nullptr;
    const std::string delta = text_of(last_member(event, "delta"));
    if (type == "response.content_part.added") {
      const bool reasoning = text_of(part ? last_member(*part, "type") : nullptr) == "reasoning_text";
      if (item.type == "message" && !reasoning)
        return append(item.content, "content_index");
      if (item.type == "reasoning" && reasoning) {
        item.has_content = true;
        return append(item.content, "content_index");
      }
    } else if (type == "response.output_text.delta" || type == "response.output_text.done" ||
               type == "response.refusal.delta" || type == "response.refusal.done") {
      const bool refusal = type.substr(0, 17) == "response.refusal.";
      if (item.type != "message")
        return std::nullopt;
      if (auto error = content(item.content, "content_index", refusal ? "refusal" : "output_text", p))
        return error;
      if (type.size() > 5 && type.substr(type.size() - 5) == "delta")
        p->text += delta;
      else
        p->text = text_of(last_member(event, refusal ? "refusal" : "text"));
    } else if (type == "response.function_call_arguments.delta" && item.type == "function_call") {
      item.arguments += delta;
    } else if (type == "response.function_call_arguments.done" && item.type == "function_call") {
      item.arguments = text_of(last_member(event, "arguments"));
    } else if ((type == "response.reasoning_text.delta" || type == "response.reasoning_text.done") &&
               item.type == "reasoning") {
      if (!item.has_content)
        return missing("content_index");
      if (auto error = content(item.content, "content_index", "reasoning_text", p))
        return error;
      p->text = type == "response.reasoning_text.done" ? text_of(last_member(event, "text"))
                                                       : p->text + delta;
    } else if (type == "response.reasoning_summary_part.added" && item.type == "reasoning") {
      return append(item.summary, "summary_index");
    } else if ((type == "response.reasoning_summary_text.delta" ||
                type == "response.reasoning_summary_text.done") &&
               item.type == "reasoning") {
      if (auto error = content(item.summary, "summary_index", "", p))
        return error;
      p->text = type == "response.reasoning_summary_text.done" ? text_of(last_member(event, "text"))
                                                               : p->text + delta;
    }
    return std::nullopt;
  }

  // #prepareEvent for lifecycle events, then the snapshot they make.
  std::optional<std::string> lifecycle(const std::string &type, const JsonValue &event) {
    const JsonValue *response = last_member(event, "response");
    if (!response)
      return std::string("Lifecycle events require their own response field.");
    if (!response->IsObject())
      return std::string("Lifecycle events require a response object.");
    std::optional<std::string> id;
    if (auto s = string_of(last_member(*response, "id")))
      id = std::string(*s);
    if (snapshot_ && id != snapshot_->id)
      return std::string("Lifecycle response identity changed.");
    if (!snapshot_ && type != "response.created")
      return "When snapshot hasn't been set yet, expected 'response.created' event, got " + type;
    Snapshot next;
    next.id = id;
    if (auto s = string_of(last_member(*response, "status")))
      next.status = std::string(*s);
    if (const JsonValue *u = last_member(*response, "usage"); u && u->IsObject()) {
      Usage usage;
      usage.prompt_tokens = int_of(last_member(*u, "input_tokens"));
      usage.completion_tokens = int_of(last_member(*u, "output_tokens"));
      usage.total_tokens = int_of(last_member(*u, "total_tokens"));
      if (const JsonValue *d = last_member(*u, "output_tokens_details"))
        usage.reasoning_tokens = int_of(last_member(*d, "reasoning_tokens"));
      next.usage = usage;
    }
    const JsonValue *output = last_member(*response, "output");
    const bool interim = type == "response.created" || type == "response.queued" ||
                         type == "response.in_progress";
    if (snapshot_ && interim) {
      // #updateInterimResponse: the snapshot keeps its output, the other fields are replaced.
      next.output = std::move(snapshot_->output);
    } else if (output && output->IsArray()) {
      for (const JsonValue &item : output->GetArray())
        next.output.push_back(item_of(item));
      if (type == "response.completed" && !unfinished_.empty()) {
        // #assertComplete: each unfinished item must be in the final output (by id or call id).
        for (const int64_t wire : unfinished_) {
          const Item &open = snapshot_->output[positions_[wire]];
          bool found = false;
          for (const Item &i : next.output)
            found = found || (open.id && i.id == open.id) || (open.call_id && i.call_id == open.call_id);
          if (!found)
            return std::string("Cannot complete response with unfinished output items.");
        }
      }
    } else if (snapshot_ && type == "response.completed") {
      if (!unfinished_.empty())
        return std::string("Cannot complete response with unfinished output items.");
      for (const auto &[wire, pos] : positions_) // completed items, by wire index
        next.output.push_back(snapshot_->output[pos]);
    } else if (snapshot_ && type != "response.created") {
      for (const auto &[wire, pos] : positions_) // failed / incomplete: every item so far
        next.output.push_back(snapshot_->output[pos]);
    }
    if (!snapshot_ || !interim) {
      positions_.clear();
      for (size_t i = 0; i < next.output.size(); ++i)
        positions_[static_cast<int64_t>(i)] = i;
    }
    snapshot_ = std::move(next);
    if (type == "response.completed" || type == "response.failed" ||
        type == "response.incomplete")
      set_done();
    return std::nullopt;
  }

  // #endRequest; finalResponse() then returns that snapshot.
  void on_end() override {
    if (!snapshot_)
      raise("request ended without sending any events");
  }

  void fill(StreamResult &result) override {
    if (!snapshot_)
      return;
    Choice c;
    int64_t tool = 0;
    for (const Item &item : snapshot_->output) {
      if (item.type == "message") {
        if (!c.role)
          c.role = item.role.value_or("assistant");
        for (const Part &p : item.content) {
          if (p.type == "output_text")
            c.text += p.text;
          else if (p.type == "refusal")
            c.refusal += p.text;
        }
      } else if (item.type == "function_call") {
        ToolCall call;
        call.index = tool++;
        call.id = item.call_id;
        call.type = "function";
        call.name = item.name;
        call.arguments = item.arguments;
        c.tool_calls.push_back(std::move(call));
      } else if (item.type == "reasoning") {
        for (const Part &p : item.summary)
          c.reasoning += p.text;
        for (const Part &p : item.content)
          c.reasoning += p.text;
      }
    }
    if (snapshot_->status && !snapshot_->status->empty())
      c.finish_reason = snapshot_->status;
    result.choices.push_back(std::move(c));
    result.usage = snapshot_->usage;
  }

  std::optional<Snapshot> snapshot_;
  std::map<int64_t, size_t> positions_; ///< wire output_index -> position in snapshot output
  std::set<int64_t> unfinished_;        ///< added, no output_item.done yet
  std::set<int64_t> completed_;         ///< output_item.done seen
  std::set<std::string> identities_;    ///< "id:..." and "call:type:..." keys of added items
};

} // namespace

pipeline::Implementation openai_node_responses_profile() {
  return {
      "openai-node-responses",
      pipeline::Kind::profile,
      "openai-node 7 responses.stream() + finalResponse(): the last snapshot whatever its "
      "status; throws on unknown event types and on item ids, types or indexes that do not match",
      "openai/openai-node src/core/streaming.ts (Stream.fromSSEResponse); "
      "src/lib/responses/ResponseStream.ts (#addEvent, #prepareEvent, finalResponse); "
      "src/internal/responses/response-accumulator.ts (accumulateResponseWithContext)",
      make_node_parser,
      for_dialect<NodeResponsesDecoder, dialect::kOpenAiResponses>,
      false,  // SSEDecoder.flush() dispatches an unterminated last event
      "openai-node", // sse_layer: the same Stainless SSE decoder
  };
}

} // namespace harness::profiles

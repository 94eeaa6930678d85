// Profile "openai-node": `client.chat.completions.stream(...)` (a ChatCompletionStream) consumed to
// the end, then its final completion. Source files (openai/openai-node, as published in openai
// 7.60.0 on npm, src/):
//   internal/decoders/line.ts   LineDecoder; core/streaming.ts _iterSSEMessages, SSEDecoder,
//                               Stream.fromSSEResponse (node_stream.hpp)
//   lib/ChatCompletionStream.ts #addChunk, #accumulateChatCompletion, #emitToolCallDoneEvent,
//                               #endRequest, finalizeChatCompletion
//   core/error.ts               APIError.makeMessage (node_stream.hpp)
// Exceptions thrown by the JavaScript engine itself (destructuring null, for-of over a
// non-iterable, reading a property of undefined) carry V8's texts. Without `tools` or a
// `response_format` in the request (as here) none of the structured-output checks run.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "profiles/node_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

/// A JavaScript value as far as the accumulator cares: whether it is truthy, and its text when
/// it is a string (other values are not reassembled: `content: 5` would become "5").
struct JsSlot {
  bool truthy = false;
  std::optional<std::string> text;

  static JsSlot of(const JsonValue *v) {
    JsSlot s;
    if (v) {
      s.truthy = js_truthy(*v);
      if (auto t = string_of(v))
        s.text = std::string(*t);
    }
    return s;
  }
};

/// `${value}` of an index as the SDK's error message renders it: "undefined" when absent.
std::string js_template(const JsonValue *v) {
  if (!v)
    return "undefined";
  if (auto s = string_of(v))
    return std::string(*s);
  if (v->IsObject())
    return "[object Object]";
  return compact_json(*v);
}

/// What `'' + v` makes of a parsed JSON value: a string as is, an object "[object Object]", an
/// array its elements joined with "," (null elements empty), numbers and booleans their text.
std::string js_concat(const JsonValue &v) {
  if (auto s = string_of(&v))
    return std::string(*s);
  if (v.IsObject())
    return "[object Object]";
  if (v.IsNull())
    return "null";
  if (v.IsArray()) {
    std::string out;
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      out += (i ? "," : "") + (v[i].IsNull() ? std::string() : js_concat(v[i]));
    return out;
  }
  return compact_json(v);
}

/// Number.isSafeInteger(v) && 0 <= v < 128 (MAX_STREAM_CHOICES, MAX_STREAM_TOOL_CALLS).
std::optional<int64_t> stream_index(const JsonValue *v) {
  const auto i = int_of(v);
  if (!i || *i < 0 || *i >= 128)
    return std::nullopt;
  return i;
}

class NodeChatDecoder final : public NodeStreamDecoder {
  struct ToolCallSnapshot {
    JsSlot id;
    JsSlot type;
    bool has_function = false;
    std::string name; ///< function.name: fn.name ?? '' at creation, then every truthy fn.name
    std::string arguments;
  };
  struct ChoiceSnapshot {
    int64_t index = 0;
    JsSlot finish_reason;
    JsSlot role;
    std::optional<std::string> content;
    std::optional<std::string> refusal;
    std::optional<std::string> reasoning_content; ///< Object.assign: the last value sent
    std::optional<std::string> reasoning;
    bool has_function_call = false;
    bool function_call_name = false; ///< truthy name
    bool function_call_arguments = false;
    bool has_tool_calls = false;
    std::map<int64_t, ToolCallSnapshot> tool_calls; ///< array elements; holes are skipped
    // #getChoiceEventState: which tool call the stream is on, which ones fired their done event.
    std::optional<int64_t> current_tool_call;
    std::set<int64_t> done_tool_calls;
  };

private:
  void on_item(const JsonValue &chunk, const sse::Event &) override { add_chunk(chunk); }

  // #endRequest and finalizeChatCompletion, choice by choice in index order.
  void on_end() override {
    if (!have_snapshot_) {
      raise("request ended without sending any chunks");
      return;
    }
    for (const auto &[index, c] : choices_) {
      const std::string i = std::to_string(c.index);
      if (!c.finish_reason.truthy) {
        raise("missing finish_reason for choice " + i);
        return;
      }
      if (!c.role.truthy) {
        raise("missing role for choice " + i);
        return;
      }
      if (c.has_function_call) {
        if (!c.function_call_arguments) {
          raise("missing function_call.arguments for choice " + i);
          return;
        }
        if (!c.function_call_name) {
          raise("missing function_call.name for choice " + i);
          return;
        }
        continue;
      }
      if (!c.has_tool_calls)
        continue;
      // A missing id is not an error any more: `id || call_${uuid4()}` (shown as null here).
      for (const auto &[k, t] : c.tool_calls) {
        const std::string where =
            "missing choices[" + i + "].tool_calls[" + std::to_string(k) + "].";
        if (!t.type.truthy) {
          raise(where + "type");
          return;
        }
        if (!t.has_function) {
          raise(where + "function.name");
          return;
        }
      }
    }
  }

  void fill(StreamResult &result) override {
    for (const auto &[index, c] : choices_) {
      Choice out;
      out.index = index;
      out.role = c.role.text;
      out.text = c.content.value_or("");
      if (c.reasoning_content && !c.reasoning_content->empty())
        out.reasoning = *c.reasoning_content;
      else
        out.reasoning = c.reasoning.value_or("");
      out.refusal = c.refusal.value_or("");
      if (c.finish_reason.text && !c.finish_reason.text->empty())
        out.finish_reason = c.finish_reason.text;
      for (const auto &[k, t] : c.tool_calls) {
        ToolCall call;
        call.index = k;
        call.id = t.id.text;
        call.type = t.type.text;
        if (t.has_function)
          call.name = t.name;
        call.arguments = t.arguments;
        out.tool_calls.push_back(std::move(call));
      }
      result.choices.push_back(std::move(out));
    }
    result.usage = usage_;
  }

  // #addChunk: #accumulateChatCompletion, then the per-choice events.
  void add_chunk(const JsonValue &chunk) {
    if (chunk.IsNull()) {
      raise("Cannot destructure 'chunk' as it is null.");
      return;
    }
    // The first chunk's fields (all but choices) become the snapshot; a later chunk's are
    // Object.assign()ed onto it only when that chunk has a truthy id. So a `usage` key replaces
    // the stored usage (null included) on the first chunk or on one with an id.
    const JsonValue *id = last_member(chunk, "id");
    if (!have_snapshot_ || (id && js_truthy(*id))) {
      if (const JsonValue *usage = last_member(chunk, "usage")) {
        usage_.reset();
        if (usage->IsObject())
          usage_ = usage_of(*usage);
      }
    }
    have_snapshot_ = true;
    const JsonValue *choices = last_member(chunk, "choices");
    if (!choices || !choices->IsArray()) {
      raise("chunk.choices is not iterable");
      return;
    }
    std::vector<std::pair<int64_t, std::vector<int64_t>>> touched; // choice, its tool calls
    for (const JsonValue &choice : choices->GetArray()) {
      touched.emplace_back(0, std::vector<int64_t>());
      if (!add_choice(choice, touched.back().first, touched.back().second))
        return;
    }
    for (const auto &[index, calls] : touched)
      if (!emit_tool_call_events(choices_[index], calls))
        return;
  }

  // One element of chunk.choices; false after raising.
  bool add_choice(const JsonValue &choice, int64_t &index_out, std::vector<int64_t> &calls_out) {
    if (choice.IsNull()) {
      raise("Cannot destructure property 'delta' of 'chunkChoice' as it is null.");
      return false;
    }
    const JsonValue *raw_index = last_member(choice, "index");
    const auto index = stream_index(raw_index);
    if (!index) {
      raise("Chat completion stream contains an invalid choice index: " + js_template(raw_index));
      return false;
    }
    index_out = *index;
    const JsonValue *finish = last_member(choice, "finish_reason");
    auto [it, created] = choices_.try_emplace(*index);
    ChoiceSnapshot &c = it->second;
    if (created) {
      c.index = *index;
      c.finish_reason = JsSlot::of(finish); // { finish_reason: finish_reason ?? null, ... }
    }
    // `if (finish_reason) choice.finish_reason = finish_reason`: the LAST truthy one is kept.
    if (finish && js_truthy(*finish))
      c.finish_reason = JsSlot::of(finish);

    const JsonValue *delta = last_member(choice, "delta");
    if (!delta || !js_truthy(*delta) || !delta->IsObject())
      return true; // `if (!delta) continue;` (a string or number delta: not modelled)

    // Object.assign(choice.message, rest): every other delta key is overwritten, null included.
    // So reasoning_content is the LAST fragment, not the concatenation.
    if (const JsonValue *r = last_member(*delta, "reasoning_content"))
      c.reasoning_content = string_of(r) ? std::optional<std::string>(*string_of(r)) : std::nullopt;
    if (const JsonValue *r = last_member(*delta, "reasoning"))
      c.reasoning = string_of(r) ? std::optional<std::string>(*string_of(r)) : std::nullopt;

    const JsonValue *refusal = last_member(*delta, "refusal");
    if (refusal && js_truthy(*refusal))
      c.refusal = c.refusal.value_or("") + js_concat(*refusal);
    // `if (role) choice.message.role = role`: overwritten, never concatenated.
    if (const JsonValue *role = last_member(*delta, "role"); role && js_truthy(*role))
      c.role = JsSlot::of(role);
    if (const JsonValue *fc = last_member(*delta, "function_call"); fc && js_truthy(*fc)) {
      if (!c.has_function_call) {
        c.has_function_call = true; // the delta's object, as is
        const JsonValue *args = last_member(*fc, "arguments");
        c.function_call_arguments = args && !args->IsNull();
        const JsonValue *name = last_member(*fc, "name");
        c.function_call_name = name && js_truthy(*name);
      } else {
        if (const JsonValue *name = last_member(*fc, "name"); name && js_truthy(*name))
          c.function_call_name = true;
        if (const JsonValue *args = last_member(*fc, "arguments"); args && js_truthy(*args))
          c.function_call_arguments = true;
      }
    }
    // `if (content != null) content = (content || '') + content`: JavaScript's string
    // concatenation, so an array of content parts becomes "[object Object]" text.
    const JsonValue *content = last_member(*delta, "content");
    if (content && !content->IsNull())
      c.content = c.content.value_or("") + js_concat(*content);

    const JsonValue *calls = last_member(*delta, "tool_calls");
    if (!calls || !js_truthy(*calls))
      return true;
    c.has_tool_calls = true; // `choice.message.tool_calls ??= []`
    if (!calls->IsArray())
      return true; // not modelled: for-of over a non-array object throws
    for (const JsonValue &call : calls->GetArray()) {
      if (call.IsNull()) {
        raise("Cannot destructure property 'index' of 'toolCallDelta' as it is null.");
        return false;
      }
      const JsonValue *raw_k = last_member(call, "index");
      const auto k = stream_index(raw_k);
      if (!k) {
        raise("Chat completion stream contains an invalid tool call index: " + js_template(raw_k));
        return false;
      }
      ToolCallSnapshot &t = c.tool_calls[*k]; // `tool_calls[index] ??= {}`
      calls_out.push_back(*k);
      // `if (id) tool_call.id = id`, `if (type) ...`, `if (fn?.name) ... = fn.name`: overwritten.
      if (const JsonValue *id = last_member(call, "id"); id && js_truthy(*id))
        t.id = JsSlot::of(id);
      if (const JsonValue *type = last_member(call, "type"); type && js_truthy(*type))
        t.type = JsSlot::of(type);
      const JsonValue *fn = last_member(call, "function");
      if (!fn || !js_truthy(*fn))
        continue;
      const JsonValue *name = last_member(*fn, "name");
      if (!t.has_function) {
        t.has_function = true; // `tool_call.function ??= { name: fn.name ?? '', arguments: '' }`
        if (auto s = string_of(name))
          t.name = std::string(*s);
      }
      if (name && js_truthy(*name) && name->IsString())
        t.name = std::string(*string_of(name));
      if (const JsonValue *args = last_member(*fn, "arguments"); args && !args->IsNull())
        t.arguments += js_concat(*args); // `if (fn.arguments != null) ... +=`
    }
    return true;
  }

  // The tool-call part of #addChunk's loop for one choice of the chunk: with a finish_reason, the
  // current tool call's done event; then a done event for the previous call each time the index
  // changes; then an arguments.delta event per call of type 'function'. #emitToolCallDoneEvent
  // throws when that call has no type; both events read `function` of a 'function' call.
  bool emit_tool_call_events(ChoiceSnapshot &c, const std::vector<int64_t> &calls) {
    if (c.finish_reason.truthy && c.current_tool_call && !done(c, *c.current_tool_call))
      return false;
    for (const int64_t k : calls) {
      if (c.current_tool_call != k && c.current_tool_call && !done(c, *c.current_tool_call))
        return false;
      c.current_tool_call = k;
    }
    for (const int64_t k : calls) {
      const ToolCallSnapshot &t = c.tool_calls[k];
      if (t.type.text == "function" && !t.has_function) {
        raise("Cannot read properties of undefined (reading 'arguments')");
        return false;
      }
    }
    return true;
  }

  bool done(ChoiceSnapshot &c, int64_t k) {
    if (c.done_tool_calls.count(k))
      return true;
    const ToolCallSnapshot &t = c.tool_calls[k];
    if (!t.type.truthy) {
      raise("tool call snapshot missing `type`");
      return false;
    }
    if (t.type.text == "function") {
      if (!t.has_function) { // `toolCallSnapshot.function.arguments`
        raise("Cannot read properties of undefined (reading 'arguments')");
        return false;
      }
      if (c.finish_reason.truthy)
        c.done_tool_calls.insert(k);
    }
    return true;
  }

  bool have_snapshot_ = false;
  std::map<int64_t, ChoiceSnapshot> choices_;
  std::optional<Usage> usage_;
};

} // namespace

pipeline::Implementation openai_node_profile() {
  return {
      "openai-node",
      pipeline::Kind::profile,
      "openai-node 7 client.chat.completions.stream() + final completion: BOM stripped per "
      "line, last event kept without its blank line, role and reasoning overwritten, throws on "
      "an invalid index or a missing finish_reason",
      "openai/openai-node src/internal/decoders/line.ts (LineDecoder); src/core/streaming.ts "
      "(_iterSSEMessages, SSEDecoder, Stream.fromSSEResponse); src/lib/ChatCompletionStream.ts "
      "(#accumulateChatCompletion, finalizeChatCompletion); src/core/error.ts (APIError)",
      make_node_parser,
      chat_only<NodeChatDecoder>,
      false, // SSEDecoder.flush() dispatches an unterminated last event
  };
}

} // namespace harness::profiles

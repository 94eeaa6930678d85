// Profile "openai-node": `client.chat.completions.stream(...)` (a ChatCompletionStream) consumed to
// the end, then its final completion. Source files (openai/openai-node, src/):
//   internal/decoders/line.ts   LineDecoder (CR, LF, CRLF; a CR at the end of one read waits for
//                               the next), findDoubleNewlineIndex; utils/bytes.ts decodeUTF8
//   core/streaming.ts           _iterSSEMessages, iterSSEChunks, SSEDecoder.decode,
//                               Stream.fromSSEResponse (the per-event loop)
//   lib/ChatCompletionStream.ts #addChunk, #accumulateChatCompletion, #endRequest,
//                               finalizeChatCompletion
//   core/error.ts               APIError.makeMessage
// Exceptions thrown by the JavaScript engine itself (JSON.parse, destructuring, for-of over a
// non-iterable) carry V8's texts.
#include <map>
#include <optional>
#include <string>

#include "profiles/json_payload.hpp"
#include "profiles/profile_decoder.hpp"
#include "profiles/sdk_lines.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

// _iterSSEMessages + LineDecoder + SSEDecoder.decode:
//   - lines end at CR, LF or CRLF; iterSSEChunks only groups lines, so it changes nothing;
//   - each line is decoded on its own by a TextDecoder without {stream: true}: a BOM at the start
//     of ANY line is stripped (each decode() call starts a new stream), ill-formed UTF-8 becomes
//     U+FFFD;
//   - a blank line yields an event when `event` is non-empty or a data line was seen; so an
//     `event: ping` block without data yields an event with empty data (which JSON.parse refuses);
//   - fields: event and data only (`id:` and `retry:` are ignored);
//   - at end of body LineDecoder.flush() hands over the last unterminated line, but no blank line
//     follows it, so SSEDecoder never dispatches that last event: it is dropped.
constexpr LineRules kNodeLines{
    sse::LineEnds::cr_lf_crlf,          false, LineRules::Text::replace_per_line,
    LineRules::Dispatch::event_or_data, false, false};

std::unique_ptr<sse::Parser> make_node_parser(sse::EventSink &sink) {
  return make_sdk_line_parser(sink, kNodeLines);
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

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

/// APIError.makeMessage(undefined, error, message): error.message (JSON.stringify'd when it is not
/// a string), else JSON.stringify(error), else `message`, else '(no status code or body)'.
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

class NodeChatDecoder final : public ProfileDecoder {
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
  };

private:
  void on_sdk_event(const sse::Event &event) override {
    // Stream.fromSSEResponse: after [DONE] (a prefix match: `sse.data.startsWith('[DONE]')`) the
    // loop `continue`s: later events are still read, and ignored.
    if (done_)
      return;
    if (starts_with(event.data, "[DONE]")) {
      done_ = true;
      set_done();
      return;
    }
    rapidjson::Document doc;
    if (auto error = parse_json(event.data, JsonRuntime::v8, doc)) {
      raise(std::move(*error)); // JSON.parse's SyntaxError is rethrown as is
      return;
    }
    const bool plain = event.type.empty() || starts_with(event.type, "response.") ||
                       starts_with(event.type, "transcript.");
    if (plain) {
      // `if (data && data.error) throw new APIError(undefined, data.error, undefined, ...)`
      if (const JsonValue *error = last_member(doc, "error"); error && js_truthy(*error)) {
        std::string message = api_error_message(error, nullptr);
        add_error(message, event, false);
        raise(std::move(message));
        return;
      }
      add_chunk(doc);
      return;
    }
    if (event.type == "error") {
      // `throw new APIError(undefined, data.error, data.message, undefined)`
      if (doc.IsNull()) {
        raise("Cannot read properties of null (reading 'error')");
        return;
      }
      std::string message =
          api_error_message(last_member(doc, "error"), last_member(doc, "message"));
      add_error(message, event, true);
      raise(std::move(message));
      return;
    }
    // Any other event type is yielded as {event, data}: ChatCompletionStream then iterates its
    // missing `choices`. So `event: message` breaks the helper.
    raise("chunk.choices is not iterable");
  }

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
      // Each of these messages continues with "\n" and JSON.stringify(snapshot); not reproduced.
      for (const auto &[k, t] : c.tool_calls) {
        const std::string where =
            "missing choices[" + i + "].tool_calls[" + std::to_string(k) + "].";
        if (!t.id.truthy) {
          raise(where + "id");
          return;
        }
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

  // #addChunk -> #accumulateChatCompletion.
  void add_chunk(const JsonValue &chunk) {
    if (chunk.IsNull()) {
      raise("Cannot destructure 'chunk' as it is null.");
      return;
    }
    // The first chunk becomes the snapshot, later ones are Object.assign()ed onto it: a `usage`
    // key replaces the stored usage, null included; a chunk without the key leaves it.
    have_snapshot_ = true;
    if (const JsonValue *usage = last_member(chunk, "usage")) {
      usage_.reset();
      if (usage->IsObject())
        usage_ = usage_of(*usage);
    }
    const JsonValue *choices = last_member(chunk, "choices");
    if (!choices || !choices->IsArray()) {
      raise("chunk.choices is not iterable");
      return;
    }
    for (const JsonValue &choice : choices->GetArray())
      add_choice(choice);
  }

  void add_choice(const JsonValue &choice) {
    // Not modelled: a choice that is not an object (V8 would throw while destructuring null).
    if (!choice.IsObject())
      return;
    // snapshot.choices[index]: only a non-negative integer names an array element; any other
    // index makes a property that finalizeChatCompletion's choices.map() never visits.
    const auto index = int_of(last_member(choice, "index"));
    if (!index || *index < 0)
      return;
    const JsonValue *finish = last_member(choice, "finish_reason");
    auto [it, created] = choices_.try_emplace(*index);
    ChoiceSnapshot &c = it->second;
    if (created) {
      c.index = *index;
      c.finish_reason = JsSlot::of(finish); // { finish_reason, index, message: {}, ... }
    }
    // `if (finish_reason) choice.finish_reason = finish_reason`: the LAST truthy one is kept.
    if (finish && js_truthy(*finish))
      c.finish_reason = JsSlot::of(finish);

    const JsonValue *delta = last_member(choice, "delta");
    if (!delta || !js_truthy(*delta) || !delta->IsObject())
      return; // `if (!delta) continue;` (a string or number delta: not modelled)

    // Object.assign(choice.message, rest): every other delta key is overwritten, null included.
    // So reasoning_content is the LAST fragment, not the concatenation.
    if (const JsonValue *r = last_member(*delta, "reasoning_content"))
      c.reasoning_content = string_of(r) ? std::optional<std::string>(*string_of(r)) : std::nullopt;
    if (const JsonValue *r = last_member(*delta, "reasoning"))
      c.reasoning = string_of(r) ? std::optional<std::string>(*string_of(r)) : std::nullopt;

    const JsonValue *refusal = last_member(*delta, "refusal");
    if (refusal && js_truthy(*refusal) && refusal->IsString())
      c.refusal = c.refusal.value_or("") + std::string(*string_of(refusal));
    // `if (role) choice.message.role = role`: overwritten, never concatenated.
    if (const JsonValue *role = last_member(*delta, "role"); role && js_truthy(*role))
      c.role = JsSlot::of(role);
    if (const JsonValue *fc = last_member(*delta, "function_call"); fc && js_truthy(*fc)) {
      if (!c.has_function_call) {
        c.has_function_call = true;
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
    const JsonValue *content = last_member(*delta, "content");
    if (content && js_truthy(*content) && content->IsString())
      c.content = c.content.value_or("") + std::string(*string_of(content));

    const JsonValue *calls = last_member(*delta, "tool_calls");
    if (!calls || !js_truthy(*calls))
      return;
    c.has_tool_calls = true; // `choice.message.tool_calls ??= []`
    if (!calls->IsArray())
      return; // not modelled: for-of over a non-array object throws
    for (const JsonValue &call : calls->GetArray()) {
      if (!call.IsObject())
        continue;
      const auto k = int_of(last_member(call, "index"));
      if (!k || *k < 0)
        continue;                             // not an array element (see choices above)
      ToolCallSnapshot &t = c.tool_calls[*k]; // `tool_calls[index] ??= {}`
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
      if (const JsonValue *args = last_member(*fn, "arguments");
          args && js_truthy(*args) && args->IsString())
        t.arguments += std::string(*string_of(args)); // `+= fn.arguments`
    }
  }

  bool done_ = false;
  bool have_snapshot_ = false;
  std::map<int64_t, ChoiceSnapshot> choices_;
  std::optional<Usage> usage_;
};

} // namespace

pipeline::Implementation openai_node_profile() {
  return {
      "openai-node",
      pipeline::Kind::profile,
      "openai-node client.chat.completions.stream() + final completion: BOM stripped per line, "
      "role and reasoning overwritten, throws on a missing finish_reason",
      "openai/openai-node src/internal/decoders/line.ts (LineDecoder); src/core/streaming.ts "
      "(_iterSSEMessages, SSEDecoder, Stream.fromSSEResponse); src/lib/ChatCompletionStream.ts "
      "(#accumulateChatCompletion, finalizeChatCompletion); src/core/error.ts (APIError)",
      make_node_parser,
      chat_only<NodeChatDecoder>,
      true, // drops_unterminated_event: no SDK dispatches an event without its blank line
  };
}

} // namespace harness::profiles

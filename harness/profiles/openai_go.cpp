// Profile "openai-go": `stream := client.Chat.Completions.NewStreaming(...)`, every
// `stream.Current()` given to `acc.AddChunk(...)` (a ChatCompletionAccumulator), then
// `stream.Err()`. Source files (openai/openai-go):
//   packages/ssestream/ssestream.go  NewDecoder (bufio.Scanner), eventStreamDecoder.Next,
//                                    Stream.Next ([DONE], the "error" key, json.Unmarshal)
//   streamaccumulator.go             ChatCompletionAccumulator.AddChunk, accumulateDelta
// JSON syntax errors carry encoding/json's texts.
#include <optional>
#include <string>
#include <vector>

#include "profiles/json_payload.hpp"
#include "profiles/profile_decoder.hpp"
#include "profiles/sdk_lines.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

// eventStreamDecoder.Next over bufio.Scanner with ScanLines:
//   - only LF ends a line; ScanLines drops one CR before it (and one at the end of the body), so
//     CRLF works but a bare CR stays inside the line: CR-only streams are one endless line;
//   - no decoding and no BOM handling: a leading BOM makes the first field name "\ufeffdata";
//   - a blank line dispatches only when data was seen; a block with `event:` but no data is
//     skipped (its type is reset);
//   - each data value is appended followed by '\n', so the event's data ends in LF;
//   - fields: event and data; a line starting with ':' is a comment; id and retry are ignored;
//   - at end of body the scanner stops and the pending event is dropped.
// Not modelled: a line of 32 MiB or more (bufio.MaxScanTokenSize<<9) makes the scanner fail
// with "bufio.Scanner: token too long".
constexpr LineRules kGoLines{sse::LineEnds::lf_only,         true,  LineRules::Text::raw,
                             LineRules::Dispatch::data_only, false, true};

std::unique_ptr<sse::Parser> make_go_parser(sse::EventSink &sink) {
  return make_sdk_line_parser(sink, kGoLines);
}

/// Newer openai-go versions cap choice and tool-call slots (1,024 combined, structural-slot
/// limit in AddChunk) and reject a chunk that would exceed it; older ones allocate whatever index
/// says. The profile rejects a chunk naming an index at or above this, which also bounds memory.
constexpr int64_t kMaxSlots = 1024;

/// gjson Result.String() of the "error" value: a string as is, null as "", other values as
/// their JSON text (gjson gives the raw bytes; compact JSON here).
std::string gjson_string(const JsonValue &v) {
  if (v.IsString())
    return std::string(v.GetString(), v.GetStringLength());
  if (v.IsNull())
    return "";
  return compact_json(v);
}

std::string_view go_kind(const JsonValue &v) {
  if (v.IsArray())
    return "array";
  if (v.IsString())
    return "string";
  if (v.IsNumber())
    return "number";
  return "bool";
}

class GoChatDecoder final : public ProfileDecoder {
  struct ToolCallSlot {
    std::string id, type, name, arguments;
  };
  struct ChoiceSlot {
    std::string role, content, refusal, finish_reason;
    std::vector<ToolCallSlot> tool_calls;
  };

private:
  void on_sdk_event(const sse::Event &event) override {
    // Stream.Next: `bytes.HasPrefix(event.Data, []byte("[DONE]"))` ends the stream.
    if (event.data.substr(0, 6) == "[DONE]") {
      set_done();
      stop_reading();
      return;
    }
    rapidjson::Document doc;
    if (auto syntax_error = parse_json(event.data, JsonRuntime::go, doc)) {
      // json.Unmarshal's SyntaxError. (The gjson test below runs first in Go and finds an
      // "error" key even in JSON that is not valid; not modelled.)
      raise(std::move(*syntax_error));
      return;
    }
    // `gjson.GetBytes(event.Data, "error").Exists()`, before json.Unmarshal: the key alone
    // raises, even `"error": null`; gjson takes the first of repeated keys.
    if (const JsonValue *error = first_member(doc, "error")) {
      std::string message = "received error while streaming: " + gjson_string(*error);
      add_error(message, event, event.type == "error");
      raise(std::move(message));
      return;
    }
    // `thread.*` events are unmarshalled as {"event": ..., "data": ...}: a chunk with no known
    // field. Other event types are ignored: the data is the chunk.
    if (event.type.substr(0, 7) == "thread.") {
      add_chunk(rapidjson::Value(rapidjson::kObjectType));
      return;
    }
    if (doc.IsNull()) { // json.Unmarshal of null into a struct leaves it zero
      add_chunk(rapidjson::Value(rapidjson::kObjectType));
      return;
    }
    if (!doc.IsObject()) {
      raise("json: cannot unmarshal " + std::string(go_kind(doc)) +
            " into Go value of type openai.ChatCompletionChunk");
      return;
    }
    add_chunk(doc);
  }

  void on_end() override {} // stream.Err() is nil when the body simply ends

  void fill(StreamResult &result) override {
    for (size_t i = 0; i < choices_.size(); ++i) {
      const ChoiceSlot &c = choices_[i];
      Choice out;
      out.index = static_cast<int64_t>(i);
      if (!c.role.empty())
        out.role = c.role;
      out.text = c.content;
      out.refusal = c.refusal; // reasoning stays empty: the chunk type has no such field
      if (!c.finish_reason.empty())
        out.finish_reason = c.finish_reason;
      for (size_t k = 0; k < c.tool_calls.size(); ++k) {
        const ToolCallSlot &t = c.tool_calls[k];
        ToolCall call;
        call.index = static_cast<int64_t>(k);
        if (!t.id.empty())
          call.id = t.id;
        if (!t.type.empty())
          call.type = t.type;
        if (!t.name.empty())
          call.name = t.name;
        call.arguments = t.arguments;
        out.tool_calls.push_back(std::move(call));
      }
      result.choices.push_back(std::move(out));
    }
    // The accumulator's Usage is a struct of ints: it reads 0/0/0 when no chunk carried usage
    // (shown here as no usage), and every counter, reasoning included, is present otherwise.
    if (usage_seen_)
      result.usage = usage_;
  }

  static std::string text(const JsonValue &object, std::string_view key) {
    return std::string(string_of(last_member(object, key)).value_or(""));
  }
  /// An index field as Go reads it: absent or not an integer -> 0; negative -> 0 (newer versions
  /// clamp; older ones panic on the slice index).
  static int64_t slot_index(const JsonValue &object) {
    const int64_t i = int_of(last_member(object, "index")).value_or(0);
    return i < 0 ? 0 : i;
  }

  // ChatCompletionAccumulator.AddChunk -> accumulateDelta.
  void add_chunk(const JsonValue &chunk) {
    // The first chunk's id is the completion's; a chunk with another id is rejected whole
    // (AddChunk returns false, and the usual loop ignores that).
    const std::string id = text(chunk, "id");
    const JsonValue *choices = last_member(chunk, "choices");
    const bool has_choices = choices && choices->IsArray();
    if (has_choices)
      for (const JsonValue &choice : choices->GetArray()) {
        if (!choice.IsObject())
          continue;
        if (slot_index(choice) >= kMaxSlots)
          return;
        if (const JsonValue *delta = last_member(choice, "delta"))
          if (const JsonValue *calls = last_member(*delta, "tool_calls"); calls && calls->IsArray())
            for (const JsonValue &call : calls->GetArray())
              if (call.IsObject() && slot_index(call) >= kMaxSlots)
                return;
      }
    if (id_.empty())
      id_ = id;
    else if (id_ != id)
      return;

    if (has_choices)
      for (const JsonValue &choice : choices->GetArray()) {
        if (!choice.IsObject())
          continue;
        const auto i = static_cast<size_t>(slot_index(choice));
        if (choices_.size() <= i)
          choices_.resize(i + 1); // expandToFit
        ChoiceSlot &c = choices_[i];
        // `choice.FinishReason = delta.FinishReason`: overwritten by every chunk, "" included.
        c.finish_reason = text(choice, "finish_reason");
        const JsonValue *delta = last_member(choice, "delta");
        if (!delta)
          continue;
        // `if delta.Delta.Role != "" { ...Role = ... }`: set when non-empty.
        if (std::string role = text(*delta, "role"); !role.empty())
          c.role = std::move(role);
        c.content += text(*delta, "content");
        c.refusal += text(*delta, "refusal");
        // reasoning_content has no field in ChatCompletionChunkChoiceDelta: dropped.
        const JsonValue *calls = last_member(*delta, "tool_calls");
        if (!calls || !calls->IsArray())
          continue;
        for (const JsonValue &call : calls->GetArray()) {
          if (!call.IsObject())
            continue;
          const auto k = static_cast<size_t>(slot_index(call));
          if (c.tool_calls.size() <= k)
            c.tool_calls.resize(k + 1);
          ToolCallSlot &t = c.tool_calls[k];
          // id and type overwritten when non-empty; function.name and arguments concatenated.
          if (std::string v = text(call, "id"); !v.empty())
            t.id = std::move(v);
          if (std::string v = text(call, "type"); !v.empty())
            t.type = std::move(v);
          if (const JsonValue *fn = last_member(call, "function")) {
            t.name += text(*fn, "name");
            t.arguments += text(*fn, "arguments");
          }
        }
      }

    // `cc.Usage.X += chunk.Usage.X`: summed over chunks, so cumulative usage is over-counted.
    if (const JsonValue *usage = last_member(chunk, "usage"); usage && usage->IsObject()) {
      const Usage u = usage_of(*usage);
      usage_seen_ = true;
      usage_.prompt_tokens = *usage_.prompt_tokens + u.prompt_tokens.value_or(0);
      usage_.completion_tokens = *usage_.completion_tokens + u.completion_tokens.value_or(0);
      usage_.total_tokens = *usage_.total_tokens + u.total_tokens.value_or(0);
      usage_.reasoning_tokens = *usage_.reasoning_tokens + u.reasoning_tokens.value_or(0);
    }
  }

  std::string id_;
  std::vector<ChoiceSlot> choices_;
  bool usage_seen_ = false;
  Usage usage_{0, 0, 0, 0};
};

} // namespace

pipeline::Implementation openai_go_profile() {
  return {
      "openai-go",
      pipeline::Kind::profile,
      "openai-go ssestream + ChatCompletionAccumulator: LF lines only, finish_reason overwritten "
      "each chunk, usage summed, chunks with another id rejected, reasoning dropped",
      "openai/openai-go packages/ssestream/ssestream.go (eventStreamDecoder.Next, Stream.Next); "
      "streamaccumulator.go (ChatCompletionAccumulator.AddChunk, accumulateDelta)",
      make_go_parser,
      chat_only<GoChatDecoder>,
      true, // drops_unterminated_event: no SDK dispatches an event without its blank line
  };
}

} // namespace harness::profiles

// Profile "openai-python": `with client.chat.completions.stream(...) as stream:` iterated to the
// end, then stream.get_final_completion(). Source files (openai/openai-python, src/openai/):
//   _streaming.py                        SSEDecoder, Stream.__stream__ (python_stream.hpp)
//   lib/streaming/chat/_completions.py   ChatCompletionStream.__stream__,
//                                        ChatCompletionStreamState._accumulate_chunk,
//                                        _convert_initial_chunk_into_snapshot, _build_events,
//                                        get_final_completion
//   lib/streaming/_deltas.py             accumulate_delta (py_value.hpp)
//   lib/_parsing/_completions.py         parse_chat_completion
//   _exceptions.py                       LengthFinishReasonError, ContentFilterFinishReasonError
// Messages of exceptions raised by pydantic's construct()ed models (a required field that was
// absent is an AttributeError when read) are Python's own texts.
#include <optional>
#include <string>
#include <vector>

#include "profiles/python_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

std::string no_attribute(std::string_view type, std::string_view attribute) {
  return "'" + std::string(type) + "' object has no attribute '" + std::string(attribute) + "'";
}

/// `for x in value`: the items, or the TypeError/AttributeError the loop body meets first when
/// `value` is not a list (a str or dict iterates str items, which have no `.index`).
std::optional<std::string> items_of(const PyValue &value, std::vector<const PyValue *> &out) {
  out.clear();
  switch (value.kind) {
  case PyValue::Kind::list:
    for (const PyValue &item : value.list)
      out.push_back(&item);
    return std::nullopt;
  case PyValue::Kind::string:
  case PyValue::Kind::dict:
    if (value.string.empty() && value.dict.empty())
      return std::nullopt;
    return no_attribute("str", "index");
  default:
    return "'" + std::string(value.type_name()) + "' object is not iterable";
  }
}

class PythonChatDecoder final : public PythonStreamDecoder {
  struct ChoiceSnapshot {
    /// false: an entry of the first chunk's choices list that no choice was written to (a
    /// repeated index); it stays the raw dict, without a `message`.
    bool constructed = true;
    PyValue index;
    PyValue finish_reason;
    PyValue message; ///< dict
  };
  struct Snapshot {
    std::vector<ChoiceSnapshot> choices;
    PyValue usage;
  };

private:
  void on_item(const PyValue &chunk) override {
    if (auto raised = on_chunk(chunk))
      raise(std::move(*raised));
  }

  // ChatCompletionStream.get_final_completion: `assert self.__current_completion_snapshot is not
  // None`, then parse_chat_completion, which raises for finish_reason "length" or
  // "content_filter" even without a response_format (the SDK appends " - " and the usage's repr
  // to the length message when usage is set; not reproduced).
  void on_end() override {
    if (!snapshot_) {
      raise("AssertionError");
      return;
    }
    for (const ChoiceSnapshot &c : snapshot_->choices) {
      if (!c.finish_reason.is_str())
        continue;
      if (c.finish_reason.string == "length") {
        raise("Could not parse response content as the length limit was reached");
        return;
      }
      if (c.finish_reason.string == "content_filter") {
        raise("Could not parse response content as the request was rejected by the content "
              "filter");
        return;
      }
    }
  }

  void fill(StreamResult &result) override {
    if (!snapshot_)
      return;
    for (size_t i = 0; i < snapshot_->choices.size(); ++i) {
      const ChoiceSnapshot &c = snapshot_->choices[i];
      Choice out;
      out.index = c.index.is_int() ? c.index.as_int() : static_cast<int64_t>(i);
      const auto text = [&](std::string_view key) -> const PyValue * {
        const PyValue *v = c.message.get(key);
        return v && v->is_str() ? v : nullptr;
      };
      if (const PyValue *role = text("role"))
        out.role = role->string;
      if (const PyValue *content = text("content"))
        out.text = content->string;
      if (const PyValue *r = text("reasoning_content"); r && !r->string.empty())
        out.reasoning = r->string;
      else if (const PyValue *r2 = text("reasoning"))
        out.reasoning = r2->string;
      if (const PyValue *refusal = text("refusal"))
        out.refusal = refusal->string;
      if (c.finish_reason.is_str() && !c.finish_reason.string.empty())
        out.finish_reason = c.finish_reason.string;
      if (const PyValue *calls = c.message.get("tool_calls"); calls && calls->is_list()) {
        for (size_t k = 0; k < calls->list.size(); ++k) {
          const PyValue &call = calls->list[k];
          if (!call.is_dict())
            continue;
          ToolCall t;
          const PyValue *index = call.get("index");
          t.index = index && index->is_int() ? index->as_int() : static_cast<int64_t>(k);
          if (const PyValue *id = call.get("id"); id && id->is_str())
            t.id = id->string;
          if (const PyValue *type = call.get("type"); type && type->is_str())
            t.type = type->string;
          if (const PyValue *fn = call.get("function")) {
            if (const PyValue *name = fn->get("name"); name && name->is_str())
              t.name = name->string;
            if (const PyValue *args = fn->get("arguments"); args && args->is_str())
              t.arguments = args->string;
          }
          out.tool_calls.push_back(std::move(t));
        }
      }
      result.choices.push_back(std::move(out));
    }
    if (const PyValue &u = snapshot_->usage; u.is_dict()) {
      Usage usage;
      const auto count = [&](const PyValue *v) -> std::optional<int64_t> {
        if (v && v->kind == PyValue::Kind::integer)
          return v->integer;
        return std::nullopt;
      };
      usage.prompt_tokens = count(u.get("prompt_tokens"));
      usage.completion_tokens = count(u.get("completion_tokens"));
      usage.total_tokens = count(u.get("total_tokens"));
      if (const PyValue *details = u.get("completion_tokens_details"))
        usage.reasoning_tokens = count(details->get("reasoning_tokens"));
      result.usage = usage;
    }
  }

  // ChatCompletionStream.__stream__ then ChatCompletionStreamState.handle_chunk.
  std::optional<std::string> on_chunk(const PyValue &chunk) {
    // _is_valid_chat_completion_chunk_weak: `sse_event.object == "chat.completion.chunk"`, else
    // the chunk is skipped (Azure's asynchronous-filter events carry object ""). Reading
    // `.object` of a chunk without it, or of a value that is not a dict, raises AttributeError.
    if (!chunk.is_dict())
      return no_attribute(chunk.type_name(), "object");
    const PyValue *object = chunk.get("object");
    if (!object)
      return no_attribute("ChatCompletionChunk", "object");
    if (!object->is_str() || object->string != "chat.completion.chunk")
      return std::nullopt;
    if (auto raised = accumulate(chunk))
      return raised;
    return build_events(chunk);
  }

  /// `choice.delta.to_dict()`: the delta dict, or the AttributeError of reading it.
  static std::optional<std::string> delta_of(const PyValue &choice, const PyValue *&delta) {
    delta = choice.get("delta");
    if (!delta)
      return no_attribute("Choice", "delta");
    if (!delta->is_dict())
      return no_attribute(delta->type_name(), "to_dict");
    return std::nullopt;
  }

  /// `choice.index` as a list index: the AttributeError/TypeError of reading it, or nullopt.
  static std::optional<std::string> index_of(const PyValue &choice, int64_t &index) {
    if (!choice.is_dict())
      return no_attribute(choice.type_name(), "index");
    const PyValue *i = choice.get("index");
    if (!i)
      return no_attribute("Choice", "index");
    if (!i->is_int())
      return "list indices must be integers or slices, not " + std::string(i->type_name());
    index = i->as_int();
    return std::nullopt;
  }

  /// {**choice.model_dump(exclude_unset=True, exclude={"delta"}), "message": delta}
  static ChoiceSnapshot new_choice(const PyValue &choice, const PyValue &delta) {
    ChoiceSnapshot s;
    if (const PyValue *i = choice.get("index"))
      s.index = *i;
    if (const PyValue *f = choice.get("finish_reason"))
      s.finish_reason = *f;
    s.message = delta;
    return s;
  }

  // ChatCompletionStreamState._accumulate_chunk (and, for the first chunk,
  // _convert_initial_chunk_into_snapshot).
  std::optional<std::string> accumulate(const PyValue &chunk) {
    const PyValue *choices = chunk.get("choices");
    std::vector<const PyValue *> items;
    if (!snapshot_) {
      if (!choices)
        return std::string("'choices'"); // KeyError from data["choices"] of chunk.to_dict()
      if (auto raised = items_of(*choices, items))
        return raised;
      Snapshot s;
      // The snapshot's list starts as the chunk's own list; each choice then overwrites the
      // entry at its index (choices[choice.index] = ...), so an index past the list raises.
      for (const PyValue *raw : items) {
        ChoiceSnapshot entry;
        entry.constructed = false;
        if (const PyValue *i = raw->get("index"))
          entry.index = *i;
        if (const PyValue *f = raw->get("finish_reason"))
          entry.finish_reason = *f;
        s.choices.push_back(std::move(entry));
      }
      for (const PyValue *choice : items) {
        int64_t index = 0;
        if (auto raised = index_of(*choice, index))
          return raised;
        const auto at = python_index(index, s.choices.size());
        if (!at)
          return std::string("list assignment index out of range");
        const PyValue *delta = nullptr;
        if (auto raised = delta_of(*choice, delta))
          return raised;
        s.choices[*at] = new_choice(*choice, *delta);
      }
      if (const PyValue *usage = chunk.get("usage"))
        s.usage = *usage;
      snapshot_ = std::move(s);
      return std::nullopt;
    }

    if (!choices)
      return no_attribute("ChatCompletionChunk", "choices");
    if (auto raised = items_of(*choices, items))
      return raised;
    for (const PyValue *choice : items) {
      int64_t index = 0;
      if (auto raised = index_of(*choice, index))
        return raised;
      const PyValue *delta = nullptr;
      ChoiceSnapshot *target = nullptr;
      if (const auto at = python_index(index, snapshot_->choices.size())) {
        target = &snapshot_->choices[*at];
        if (!target->constructed)
          return no_attribute("ParsedChoiceSnapshot", "message");
        if (auto raised = delta_of(*choice, delta))
          return raised;
        // message = accumulate_delta(model_dump(message), delta.to_dict()): role, content,
        // refusal, reasoning_content and tool call id/name/arguments all concatenate.
        if (auto raised = accumulate_delta(target->message, *delta))
          return raised;
      } else {
        // IndexError: a new choice is appended (at the end, whatever its index).
        if (auto raised = delta_of(*choice, delta))
          return raised;
        snapshot_->choices.push_back(new_choice(*choice, *delta));
        target = &snapshot_->choices.back();
      }
      // `if choice.finish_reason: choice_snapshot.finish_reason = choice.finish_reason`: every
      // truthy finish_reason overwrites, so the LAST one is kept.
      if (const PyValue *finish = choice->get("finish_reason"); finish && finish->truthy())
        target->finish_reason = *finish;
    }
    // `completion_snapshot.usage = chunk.usage`: each chunk's usage replaces the stored one, and
    // a chunk without usage (or with null) erases it.
    snapshot_->usage = PyValue{};
    if (const PyValue *usage = chunk.get("usage"))
      snapshot_->usage = *usage;
    return std::nullopt;
  }

  // ChatCompletionStreamState._build_events (also the tool-call loop at the end of
  // _accumulate_chunk): each tool call delta is looked up in the snapshot at its `index`, and a
  // function tool call's delta must carry `function` (`assert tool_call_delta.function is not
  // None`).
  std::optional<std::string> build_events(const PyValue &chunk) {
    std::vector<const PyValue *> items;
    if (items_of(*chunk.get("choices"), items))
      return std::nullopt; // already raised in accumulate
    for (const PyValue *choice : items) {
      const int64_t index = choice->get("index")->as_int();
      const auto at = python_index(index, snapshot_->choices.size());
      if (!at)
        return std::string("list index out of range");
      const ChoiceSnapshot &target = snapshot_->choices[*at];
      const PyValue *calls = choice->get("delta")->get("tool_calls");
      if (!calls || !calls->is_list() || calls->list.empty())
        continue;
      const PyValue *known = target.message.get("tool_calls");
      if (!known || !known->is_list())
        return std::string("AssertionError");
      for (const PyValue &call : calls->list) {
        if (!call.is_dict())
          return no_attribute(call.type_name(), "index");
        const PyValue *i = call.get("index");
        if (!i)
          return no_attribute("ChoiceDeltaToolCall", "index");
        if (!i->is_int())
          return "list indices must be integers or slices, not " + std::string(i->type_name());
        const auto k = python_index(i->as_int(), known->list.size());
        if (!k)
          return std::string("list index out of range");
        const PyValue *type = known->list[*k].get("type");
        const PyValue *fn = call.get("function");
        if (type && type->is_str() && type->string == "function" && (!fn || fn->is_none()))
          return std::string("AssertionError");
      }
    }
    return std::nullopt;
  }

  std::optional<Snapshot> snapshot_;
};

} // namespace

pipeline::Implementation openai_python_profile() {
  return {
      "openai-python",
      pipeline::Kind::profile,
      "openai-python client.chat.completions.stream() + get_final_completion(): strict UTF-8 "
      "lines, "
      "role and tool ids concatenated, last finish_reason, last chunk's usage",
      "openai/openai-python src/openai/_streaming.py (SSEDecoder, Stream.__stream__); "
      "src/openai/lib/streaming/chat/_completions.py (ChatCompletionStream, "
      "ChatCompletionStreamState); src/openai/lib/streaming/_deltas.py (accumulate_delta); "
      "src/openai/lib/_parsing/_completions.py (parse_chat_completion)",
      make_python_parser,
      chat_only<PythonChatDecoder>,
      true, // drops_unterminated_event: no SDK dispatches an event without its blank line
  };
}

} // namespace harness::profiles

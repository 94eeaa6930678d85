#pragma once
// The chunk reader's (chunk_reader.hpp) knowledge of a chat chunk: which keys it reads at which
// level (classify_key), what each value feeds (Target) and what type each must have for a type
// note, and FieldWriter, which applies a value to the DecodedChunk being filled. The SAX walk over
// the payload (nesting, skipped subtrees, the error capture) is chunk_reader.cpp's. Only
// chunk_reader.cpp includes this; everything is inline so the walk compiles as one piece.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "dialect/chat/decoded_chunk.hpp"

namespace harness::chat::chunk_fields {
// The objects and arrays the handler descends into; anything else is skipped by depth counting.
enum class Frame : uint8_t {
  top,
  choices,
  choice,
  delta,
  tool_calls,
  tool_call,
  function,
  usage,
  usage_details,
};

// What the next value feeds.
enum class Target : uint8_t {
  none,
  choices,
  usage,
  error,
  chunk_id,
  chunk_model,
  chunk_object,
  created,
  choice, // an element of choices
  choice_index,
  delta,
  finish_reason,
  role,
  content,
  reasoning_content,
  reasoning,
  refusal,
  tool_calls,
  tool_call, // an element of delta.tool_calls
  tool_call_index,
  id,
  type,
  function,
  name,
  arguments,
  prompt_tokens,
  completion_tokens,
  total_tokens,
  input_tokens,
  output_tokens,
  usage_details,
  reasoning_tokens,
};

// JSON integers beyond this magnitude lose precision in double-based parsers (2^53).
inline constexpr uint64_t kMaxExactInteger = uint64_t{1} << 53;

enum class JsonType : uint8_t { null, boolean, number, string, object, array };

inline std::string_view article_name(JsonType t) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "null", "a boolean", "a number", "a string", "an object", "an array"};
  return name_of(t, kNames, "a value");
}

// Where a target sits and what it must be, for type notes; empty `where` = no note for this target
// (counters that are not integers stay empty silently, as the usage contract says).
struct Expectation {
  std::string_view where;
  std::string_view expected;
};

inline Expectation expectation(Target t) {
  switch (t) {
  case Target::choices:
    return {"choices", "an array or null"};
  case Target::usage:
    return {"usage", "an object or null"};
  case Target::choice:
    return {"a choices element", "an object"};
  case Target::choice_index:
    return {"choices[].index", "an integer"};
  case Target::delta:
    return {"choices[].delta", "an object or null"};
  case Target::finish_reason:
    return {"choices[].finish_reason", "a string or null"};
  case Target::role:
    return {"delta.role", "a string or null"};
  case Target::content:
    return {"delta.content", "a string or null"};
  case Target::reasoning_content:
    return {"delta.reasoning_content", "a string or null"};
  case Target::reasoning:
    return {"delta.reasoning", "a string or null"};
  case Target::refusal:
    return {"delta.refusal", "a string or null"};
  case Target::tool_calls:
    return {"delta.tool_calls", "an array or null"};
  case Target::tool_call:
    return {"a delta.tool_calls element", "an object"};
  case Target::tool_call_index:
    return {"tool_calls[].index", "an integer"};
  case Target::id:
    return {"tool_calls[].id", "a string or null"};
  case Target::type:
    return {"tool_calls[].type", "a string or null"};
  case Target::function:
    return {"tool_calls[].function", "an object or null"};
  case Target::name:
    return {"function.name", "a string or null"};
  case Target::arguments:
    return {"function.arguments", "a string or null"};
  default:
    return {};
  }
}

inline Target classify_key(Frame frame, std::string_view key) {
  switch (frame) {
  case Frame::top:
    if (key == "choices")
      return Target::choices;
    if (key == "usage")
      return Target::usage;
    if (key == "error")
      return Target::error;
    if (key == "id")
      return Target::chunk_id;
    if (key == "object")
      return Target::chunk_object;
    if (key == "model")
      return Target::chunk_model;
    if (key == "created")
      return Target::created;
    break;
  case Frame::choice:
    if (key == "index")
      return Target::choice_index;
    if (key == "delta")
      return Target::delta;
    if (key == "finish_reason")
      return Target::finish_reason;
    break;
  case Frame::delta:
    if (key == "content")
      return Target::content;
    if (key == "role")
      return Target::role;
    if (key == "reasoning_content")
      return Target::reasoning_content;
    if (key == "reasoning")
      return Target::reasoning;
    if (key == "refusal")
      return Target::refusal;
    if (key == "tool_calls")
      return Target::tool_calls;
    break;
  case Frame::tool_call:
    if (key == "index")
      return Target::tool_call_index;
    if (key == "id")
      return Target::id;
    if (key == "type")
      return Target::type;
    if (key == "function")
      return Target::function;
    break;
  case Frame::function:
    if (key == "name")
      return Target::name;
    if (key == "arguments")
      return Target::arguments;
    break;
  case Frame::usage:
    if (key == "prompt_tokens")
      return Target::prompt_tokens;
    if (key == "completion_tokens")
      return Target::completion_tokens;
    if (key == "total_tokens")
      return Target::total_tokens;
    if (key == "input_tokens")
      return Target::input_tokens;
    if (key == "output_tokens")
      return Target::output_tokens;
    if (key == "completion_tokens_details")
      return Target::usage_details;
    break;
  case Frame::usage_details:
    if (key == "reasoning_tokens")
      return Target::reasoning_tokens;
    break;
  case Frame::choices:
  case Frame::tool_calls:
    break;
  }
  return Target::none;
}

struct Level {
  Frame frame;
  Target key = Target::none; ///< objects: what the value after the last key feeds
  uint32_t elements = 0;     ///< arrays: values seen so far
};

/// The decoded chunk a read fills and the strings its slots point to, and how a value lands in it.
struct FieldWriter {
  // Per read.
  DecodedChunk *out = nullptr;
  std::vector<Slot> *value_slots = nullptr;
  std::vector<NumberField> *number_fields = nullptr;

  // Strings decoded by the last read; slot i is strings[i] (the first used_strings are live).
  std::vector<std::string> strings;
  size_t used_strings = 0;

  Slot new_slot(const char *s, size_t n) {
    if (used_strings < strings.size())
      strings[used_strings].assign(s, n);
    else
      strings.emplace_back(s, n);
    return static_cast<Slot>(used_strings++);
  }

  void bind_values() {
    out->values.resize(used_strings);
    for (size_t i = 0; i < used_strings; ++i)
      out->values[i] = strings[i];
  }

  DecodedChoice &choice() { return out->choices.back(); }
  DecodedToolCall &tool_call() { return out->choices.back().tool_calls.back(); }

  void note(Target t, JsonType got) {
    const Expectation e = expectation(t);
    if (e.where.empty())
      return;
    std::string s;
    s.reserve(80);
    s.append(e.where).append(" is ").append(article_name(got)).append(", not ");
    s.append(e.expected).append("; ignored");
    out->type_notes.push_back(std::move(s));
  }


  // --- scalars ----------------------------------------------------------------------------------

  // Applies a null, boolean or number (`integer` set when it is an int64) to what it feeds.
  void scalar(Target t, JsonType type, std::optional<int64_t> integer) {
    const bool is_null = type == JsonType::null;
    switch (t) {
    case Target::choices:
      if (is_null)
        out->choices.clear();
      else
        note(t, type);
      break;
    case Target::usage:
      if (is_null)
        out->usage_state = UsageState::null;
      else
        note(t, type);
      break;
    case Target::error: // null only: other scalars are captured
      out->error.reset();
      break;
    case Target::choice:
    case Target::tool_call:
      note(t, type);
      break;
    case Target::created:
      out->created = integer;
      break;
    case Target::choice_index:
      choice().index = integer;
      if (!integer && !is_null)
        note(t, type);
      break;
    case Target::tool_call_index:
      tool_call().index = integer;
      if (!integer && !is_null)
        note(t, type);
      break;
    case Target::delta:
      choice().has_delta = false;
      if (!is_null)
        note(t, type);
      break;
    case Target::function:
      if (!is_null)
        note(t, type);
      break;
    case Target::tool_calls:
      if (is_null)
        choice().tool_calls.clear();
      else
        note(t, type);
      break;
    case Target::chunk_id:
    case Target::chunk_model:
    case Target::chunk_object:
    case Target::role:
    case Target::content:
    case Target::reasoning_content:
    case Target::reasoning:
    case Target::refusal:
    case Target::finish_reason:
    case Target::id:
    case Target::type:
    case Target::name:
    case Target::arguments:
      *string_field(t) = kNoSlot;
      if (!is_null)
        note(t, type);
      break;
    case Target::prompt_tokens:
      out->usage.prompt_tokens = integer;
      break;
    case Target::completion_tokens:
      out->usage.completion_tokens = integer;
      break;
    case Target::total_tokens:
      out->usage.total_tokens = integer;
      break;
    case Target::reasoning_tokens:
      out->usage.reasoning_tokens = integer;
      break;
    case Target::input_tokens:
      out->input_tokens = integer;
      break;
    case Target::output_tokens:
      out->output_tokens = integer;
      break;
    case Target::usage_details:
    case Target::none:
      break;
    }
  }

  // The slot field a string target writes; nullptr for targets that are not string fields.
  Slot *string_field(Target t) {
    switch (t) {
    case Target::chunk_id:
      return &out->id;
    case Target::chunk_model:
      return &out->model;
    case Target::chunk_object:
      return &out->object;
    case Target::role:
      return &choice().role;
    case Target::content:
      return &choice().content;
    case Target::reasoning_content:
      return &choice().reasoning_content;
    case Target::reasoning:
      return &choice().reasoning;
    case Target::refusal:
      return &choice().refusal;
    case Target::finish_reason:
      return &choice().finish_reason;
    case Target::id:
      return &tool_call().id;
    case Target::type:
      return &tool_call().type;
    case Target::name:
      return &tool_call().name;
    case Target::arguments:
      return &tool_call().arguments;
    default:
      return nullptr;
    }
  }

  // A string or container where the target cannot use one: the field reads as absent (the later
  // value wins over an earlier usable one), with a type note where the target has an expectation.
  void unusable(Target t, JsonType got) {
    if (Slot *field = string_field(t))
      *field = kNoSlot;
    else if (t == Target::choice_index)
      choice().index.reset();
    else if (t == Target::tool_call_index)
      tool_call().index.reset();
    else if (t == Target::prompt_tokens)
      out->usage.prompt_tokens.reset();
    else if (t == Target::completion_tokens)
      out->usage.completion_tokens.reset();
    else if (t == Target::total_tokens)
      out->usage.total_tokens.reset();
    else if (t == Target::reasoning_tokens)
      out->usage.reasoning_tokens.reset();
    else if (t == Target::input_tokens)
      out->input_tokens.reset();
    else if (t == Target::output_tokens)
      out->output_tokens.reset();
    else if (t == Target::created)
      out->created.reset();
    else if (t == Target::delta)
      choice().has_delta = false;
    note(t, got);
  }

  // The integer field a number fed to `t` sets (none when its value decides nothing).
  NumberField number_field(Target t) const {
    using Kind = NumberField::Kind;
    const auto choice_at = static_cast<uint32_t>(out->choices.size() - 1);
    switch (t) {
    case Target::created:
      return {Kind::created};
    case Target::choice_index:
      return {Kind::choice_index, choice_at};
    case Target::tool_call_index:
      return {Kind::tool_call_index, choice_at,
              static_cast<uint32_t>(out->choices.back().tool_calls.size() - 1)};
    case Target::prompt_tokens:
      return {Kind::prompt_tokens};
    case Target::completion_tokens:
      return {Kind::completion_tokens};
    case Target::total_tokens:
      return {Kind::total_tokens};
    case Target::reasoning_tokens:
      return {Kind::reasoning_tokens};
    case Target::input_tokens:
      return {Kind::input_tokens};
    case Target::output_tokens:
      return {Kind::output_tokens};
    default:
      return {};
    }
  }

  // Records, for every number of the payload in document order, what it feeds.
  void count_number(JsonType type, Target t) {
    if (type == JsonType::number)
      number_fields->push_back(number_field(t));
  }

  // Counts an integer beyond +-2^53; the first one's text is kept for the finding.
  template <class Number> void big_integer(Number value) {
    if (out->big_integers++ != 0)
      return;
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, value);
    out->first_big_integer.assign(text, r.ptr);
  }

};

} // namespace harness::chat::chunk_fields

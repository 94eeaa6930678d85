#include "dialect/chat/chunk_reader.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include "core/text.hpp"
#include "json/rapidjson.hpp"

namespace harness::chat {

namespace {

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
constexpr uint64_t kMaxExactInteger = uint64_t{1} << 53;

enum class JsonType : uint8_t { null, boolean, number, string, object, array };

std::string_view article_name(JsonType t) {
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

Expectation expectation(Target t) {
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

Target classify_key(Frame frame, std::string_view key) {
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

} // namespace

// The SAX handler. One instance lives as long as the reader so its buffers keep their capacity.
struct ChunkReader::State {
  rapidjson::Reader reader;

  // Per read.
  DecodedChunk *out = nullptr;
  std::vector<Slot> *value_slots = nullptr;
  std::vector<NumberField> *number_fields = nullptr;
  std::vector<Level> stack;
  uint64_t skip_depth = 0; ///< > 0 inside a subtree nobody reads (counted, not stacked: 1M '[' ok)
  uint32_t position = 0;   ///< position of the value just begun inside its array
  bool root_is_object = false;
  bool memoizable = true;

  // Strings decoded by the last read; slot i is strings[i] (the first used_strings are live).
  std::vector<std::string> strings;
  size_t used_strings = 0;

  // Capture of a non-null, non-string top-level "error" value as compact JSON.
  bool capturing = false;
  uint64_t capture_depth = 0;
  bool expect_message = false; ///< the last key at depth 1 of the error object was "message"
  std::optional<std::string> capture_message;
  rapidjson::StringBuffer capture_text;
  rapidjson::Writer<rapidjson::StringBuffer> writer;

  void begin(DecodedChunk &chunk, std::vector<Slot> &slots, std::vector<NumberField> &numbers) {
    out = &chunk;
    value_slots = &slots;
    number_fields = &numbers;
    chunk.clear();
    slots.clear();
    numbers.clear();
    stack.clear();
    skip_depth = 0;
    position = 0;
    root_is_object = false;
    memoizable = true;
    used_strings = 0;
    capturing = false;
  }

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

  // Called once at the start of every value inside the root object; says what the value feeds.
  Target begin_value() {
    Level &l = stack.back();
    switch (l.frame) {
    case Frame::choices:
      position = l.elements++;
      return Target::choice;
    case Frame::tool_calls:
      position = l.elements++;
      return Target::tool_call;
    default: {
      const Target t = l.key;
      l.key = Target::none;
      return t;
    }
    }
  }

  // --- error capture --------------------------------------------------------------------------

  void capture_begin() {
    capturing = true;
    capture_depth = 0;
    expect_message = false;
    capture_message.reset();
    capture_text.Clear();
    writer.Reset(capture_text);
    memoizable = false;
  }

  void capture_end() {
    capturing = false;
    if (capture_message)
      out->error = std::move(*capture_message);
    else
      out->error = std::string(capture_text.GetString(), capture_text.GetSize());
  }

  // A repeated "message" key whose later value is not a string: the later value wins, so there is
  // no string message any more.
  void forget_message_if_replaced() {
    if (capture_depth == 1 && expect_message)
      capture_message.reset();
  }

  // After a scalar was written to the capture.
  void capture_scalar_done() {
    expect_message = false;
    if (capture_depth == 0)
      capture_end();
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

  // Common entry for null, booleans and numbers. `write` replays the value into the capture.
  template <class Write> bool on_scalar(JsonType type, std::optional<int64_t> integer, Write write) {
    if (skip_depth > 0 || capturing || stack.empty())
      count_number(type, Target::none);
    if (skip_depth > 0)
      return true;
    if (capturing) {
      forget_message_if_replaced();
      write();
      capture_scalar_done();
      return true;
    }
    if (stack.empty()) // the root itself is a scalar: not an object
      return true;
    const Target t = begin_value();
    count_number(type, t);
    if (t == Target::error && type != JsonType::null) {
      capture_begin();
      write();
      capture_scalar_done();
      return true;
    }
    scalar(t, type, integer);
    return true;
  }

  // Counts an integer beyond +-2^53; the first one's text is kept for the finding.
  template <class Number> void big_integer(Number value) {
    if (out->big_integers++ != 0)
      return;
    char text[32];
    const auto r = std::to_chars(text, text + sizeof text, value);
    out->first_big_integer.assign(text, r.ptr);
  }

  // --- SAX interface ----------------------------------------------------------------------------

  bool Null() {
    return on_scalar(JsonType::null, std::nullopt, [this] { writer.Null(); });
  }
  bool Bool(bool b) {
    return on_scalar(JsonType::boolean, std::nullopt, [this, b] { writer.Bool(b); });
  }
  bool Int(int i) {
    return on_scalar(JsonType::number, int64_t{i}, [this, i] { writer.Int(i); });
  }
  bool Uint(unsigned u) {
    return on_scalar(JsonType::number, int64_t{u}, [this, u] { writer.Uint(u); });
  }
  // Int and Uint cannot exceed 2^53; the wider callbacks check, before anything is skipped.
  bool Int64(int64_t i) {
    if (i > static_cast<int64_t>(kMaxExactInteger) || i < -static_cast<int64_t>(kMaxExactInteger))
      big_integer(i);
    return on_scalar(JsonType::number, i, [this, i] { writer.Int64(i); });
  }
  bool Uint64(uint64_t u) {
    if (u > kMaxExactInteger)
      big_integer(u);
    // Above INT64_MAX the value is an integer we cannot hold: treated as "not an int64".
    const std::optional<int64_t> v =
        u <= static_cast<uint64_t>(INT64_MAX) ? std::optional<int64_t>(static_cast<int64_t>(u))
                                               : std::nullopt;
    return on_scalar(JsonType::number, v, [this, u] { writer.Uint64(u); });
  }
  // RapidJSON reports a number as a double when it has a fraction or exponent or overflows
  // uint64; without the literal we cannot tell 1e20 from 100000000000000000000, so every integral
  // value beyond 2^53 counts.
  bool Double(double d) {
    if (std::fabs(d) > static_cast<double>(kMaxExactInteger) && std::trunc(d) == d)
      big_integer(d);
    return on_scalar(JsonType::number, std::nullopt, [this, d] { writer.Double(d); });
  }
  bool RawNumber(const char *, rapidjson::SizeType, bool) { return true; } // not with kParseFlags

  bool String(const char *s, rapidjson::SizeType n, bool) {
    if (skip_depth > 0) {
      value_slots->push_back(kNoSlot);
      return true;
    }
    if (capturing) {
      value_slots->push_back(kNoSlot);
      writer.String(s, n);
      if (capture_depth == 1 && expect_message)
        capture_message.emplace(s, n);
      capture_scalar_done();
      return true;
    }
    if (stack.empty()) { // the root itself is a string
      value_slots->push_back(kNoSlot);
      return true;
    }
    const Target t = begin_value();
    if (t == Target::error) {
      out->error.emplace(s, n);
      memoizable = false;
      value_slots->push_back(kNoSlot);
      return true;
    }
    if (Slot *field = string_field(t)) {
      *field = new_slot(s, n);
      value_slots->push_back(*field);
      return true;
    }
    value_slots->push_back(kNoSlot);
    unusable(t, JsonType::string);
    return true;
  }

  bool Key(const char *s, rapidjson::SizeType n, bool) {
    if (skip_depth > 0)
      return true;
    if (capturing) {
      writer.Key(s, n);
      expect_message = capture_depth == 1 && std::string_view(s, n) == "message";
      return true;
    }
    Level &l = stack.back();
    l.key = classify_key(l.frame, std::string_view(s, n));
    return true;
  }

  bool StartObject() {
    if (skip_depth > 0) {
      ++skip_depth;
      return true;
    }
    if (capturing) {
      forget_message_if_replaced();
      writer.StartObject();
      ++capture_depth;
      expect_message = false;
      return true;
    }
    if (stack.empty()) {
      root_is_object = true;
      stack.push_back({Frame::top});
      return true;
    }
    const Target t = begin_value();
    switch (t) {
    case Target::error:
      capture_begin();
      writer.StartObject();
      capture_depth = 1;
      return true;
    case Target::choice:
      out->choices.emplace_back();
      stack.push_back({Frame::choice});
      return true;
    case Target::delta:
      choice().has_delta = true;
      stack.push_back({Frame::delta});
      return true;
    case Target::tool_call:
      choice().tool_calls.emplace_back();
      tool_call().position = position;
      stack.push_back({Frame::tool_call});
      return true;
    case Target::function:
      stack.push_back({Frame::function});
      return true;
    case Target::usage:
      out->usage_state = UsageState::object;
      out->usage = Usage{};
      out->input_tokens.reset();
      out->output_tokens.reset();
      stack.push_back({Frame::usage});
      return true;
    case Target::usage_details:
      out->usage.reasoning_tokens.reset();
      stack.push_back({Frame::usage_details});
      return true;
    default:
      unusable(t, JsonType::object);
      skip_depth = 1;
      return true;
    }
  }

  bool StartArray() {
    if (skip_depth > 0) {
      ++skip_depth;
      return true;
    }
    if (capturing) {
      forget_message_if_replaced();
      writer.StartArray();
      ++capture_depth;
      expect_message = false;
      return true;
    }
    if (stack.empty()) { // the root is an array: not an object; read nothing from it
      skip_depth = 1;
      return true;
    }
    const Target t = begin_value();
    switch (t) {
    case Target::error:
      capture_begin();
      writer.StartArray();
      capture_depth = 1;
      return true;
    case Target::choices:
      out->choices.clear();
      stack.push_back({Frame::choices});
      return true;
    case Target::tool_calls:
      choice().tool_calls.clear();
      stack.push_back({Frame::tool_calls});
      return true;
    default:
      unusable(t, JsonType::array);
      skip_depth = 1;
      return true;
    }
  }

  bool end_container(bool object) {
    if (skip_depth > 0) {
      --skip_depth;
      return true;
    }
    if (capturing) {
      if (object)
        writer.EndObject();
      else
        writer.EndArray();
      if (--capture_depth == 0)
        capture_end();
      expect_message = false;
      return true;
    }
    stack.pop_back();
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return end_container(true); }
  bool EndArray(rapidjson::SizeType) { return end_container(false); }
};

ChunkReader::ChunkReader() : state_(std::make_unique<State>()) {}
ChunkReader::~ChunkReader() = default;

bool ChunkReader::memoizable() const { return state_->memoizable; }

ReadOutcome ChunkReader::read(std::string_view payload, DecodedChunk &out,
                              std::vector<Slot> &value_slots,
                              std::vector<NumberField> &number_fields) {
  State &st = *state_;
  st.begin(out, value_slots, number_fields);
  rapidjson::MemoryStream stream(payload.data(), payload.size());
  const rapidjson::ParseResult r = st.reader.Parse<json::kParseFlags>(stream, st);
  ReadOutcome outcome;
  if (r.IsError()) {
    outcome.kind = ReadOutcome::Kind::invalid;
    outcome.error_offset = r.Offset();
    outcome.message = rapidjson::GetParseError_En(r.Code());
    return outcome;
  }
  if (stream.Tell() != payload.size()) {
    // RapidJSON reads a NUL byte as the end of input: bytes after it were never looked at.
    outcome.kind = ReadOutcome::Kind::invalid;
    outcome.error_offset = stream.Tell();
    outcome.message = rapidjson::GetParseError_En(rapidjson::kParseErrorDocumentRootNotSingular);
    return outcome;
  }
  if (!st.root_is_object) {
    outcome.kind = ReadOutcome::Kind::not_object;
    return outcome;
  }
  st.bind_values();
  return outcome;
}

} // namespace harness::chat

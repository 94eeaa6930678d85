#include "dialect/chat/chunk_reader.hpp"

#include <charconv>
#include <cmath>
#include <optional>

#include "dialect/chat/chunk_fields.hpp"
#include "json/rapidjson.hpp"

namespace harness::chat {

using namespace chunk_fields;

// The SAX handler. One instance lives as long as the reader so its buffers keep their capacity.
struct ChunkReader::State : FieldWriter {
  rapidjson::Reader reader;

  // Per read.
  std::vector<Level> stack;
  uint64_t skip_depth = 0; ///< > 0 inside a subtree nobody reads (counted, not stacked: 1M '[' ok)
  uint32_t position = 0;   ///< position of the value just begun inside its array
  bool root_is_object = false;
  bool memoizable = true;

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

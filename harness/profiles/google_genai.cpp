// Profile "google-genai-python": Google's google-genai for Python, `for chunk in
// client.models.generate_content_stream(...)`, the caller keeping candidate 0's text (chunk.text),
// thoughts, function calls (chunk.function_calls), its last finish_reason and the last
// usage_metadata sent. Source files (googleapis/python-genai, google/genai/):
//   _api_client.py  HttpResponse._iter_response_stream (lines and events, below),
//                   _load_json_from_response (UnknownApiResponseError),
//                   BaseApiClient.request_streamed (a chunk whose json.dumps starts with
//                   '{"error":' raises APIError.raise_error)
//   errors.py       APIError: ClientError 4xx, ServerError 5xx, message '{code} {status}.
//   {details}' types.py        GenerateContentResponse.text (candidate 0, thought parts skipped),
//                   .function_calls (candidate 0's functionCall parts)
//   chats.py        send_message_stream: the last candidates[0].finish_reason is kept
// Where it differs from the reference decoder: the line rules (a line not starting with "data: " is
// taken as a piece of a JSON error body and parsed once its braces balance, so comments, `event:`
// lines, `data:` without the space and a BOM-led first line raise UnknownApiResponseError; the
// last event is yielded without its blank line), candidate 0 only, the last finish_reason wins,
// and an error chunk raises.
#include <algorithm>
#include <optional>
#include <string>

#include "dialect/dialect.hpp"
#include "profiles/json_payload.hpp"
#include "profiles/profile_decoder.hpp"
#include "profiles/py_value.hpp"
#include "profiles/sdk_profiles.hpp"
#include "sse/line_scanner.hpp"
#include "sse/utf8.hpp"

namespace harness::profiles {

namespace {

// _iter_response_stream over httpx's iter_lines() (CR, LF and CRLF end a line):
//   - an empty line yields the "data: " lines gathered since the last yield, joined by LF;
//   - a line starting with "data: " (with the space) adds its rest to them;
//   - any other line is appended to a pending JSON text, counting '{' and '}'; when the count is
//     back to 0 the text is yielded (an error body the API sends as plain JSON);
//   - at the end of the body the pending JSON text, then the gathered data lines, are yielded.
// Each yield is one event (type empty, data the yielded text), decoded as httpx decodes the body:
// UTF-8, each ill-formed sequence replaced by U+FFFD. The gathered data lines can be
// yielded after JSON texts that began later (a stream without blank lines, or with non-data lines
// between data lines), so an event's offset and data_offset are its block's, raised to the previous
// event's when lower: events stay in stream order, as every parser's do.
class GenaiLines final : public sse::Parser {
public:
  explicit GenaiLines(sse::EventSink &sink) : sink_(sink) {}

  void feed(std::string_view bytes) override {
    scanner_.begin_feed(bytes);
    sse::Line line;
    while (scanner_.next(line))
      on_line(line.text, line.offset);
  }

  void finish() override {
    sse::Line line;
    if (scanner_.take_tail(line))
      on_line(line.text, line.offset);
    if (!chunk_.empty())
      yield(chunk_, chunk_offset_, chunk_offset_);
    if (has_data_)
      yield(data_, data_block_, data_offset_);
    chunk_.clear();
    has_data_ = false;
  }

  bool copy_state(const sse::Parser &other) override {
    const auto *o = dynamic_cast<const GenaiLines *>(&other);
    if (o == nullptr)
      return false;
    scanner_.copy_state(o->scanner_);
    data_ = o->data_;
    has_data_ = o->has_data_;
    data_block_ = o->data_block_;
    data_offset_ = o->data_offset_;
    chunk_ = o->chunk_;
    balance_ = o->balance_;
    chunk_offset_ = o->chunk_offset_;
    index_ = o->index_;
    last_offset_ = o->last_offset_;
    last_data_offset_ = o->last_data_offset_;
    return true;
  }

  /// The gathered data lines and their offsets count only while there are some, the pending JSON
  /// text's offset only while there is one.
  bool same_state(const sse::Parser &other) const override {
    const auto *o = dynamic_cast<const GenaiLines *>(&other);
    return o != nullptr && scanner_.same_state(o->scanner_) && has_data_ == o->has_data_ &&
           (!has_data_ || (data_ == o->data_ && data_block_ == o->data_block_ &&
                           data_offset_ == o->data_offset_)) &&
           chunk_ == o->chunk_ && (chunk_.empty() || chunk_offset_ == o->chunk_offset_) &&
           balance_ == o->balance_ && index_ == o->index_ && last_offset_ == o->last_offset_ &&
           last_data_offset_ == o->last_data_offset_;
  }

private:
  void on_line(std::string_view text, uint64_t offset) {
    if (text.empty()) {
      if (has_data_)
        yield(data_, data_block_, data_offset_);
      has_data_ = false;
      return;
    }
    if (text.starts_with("data: ")) {
      if (!has_data_) {
        data_.clear();
        data_block_ = offset;
        data_offset_ = offset + 6;
      } else {
        data_ += '\n';
      }
      data_.append(text.substr(6));
      has_data_ = true;
      return;
    }
    if (chunk_.empty())
      chunk_offset_ = offset;
    for (const char c : text)
      balance_ += c == '{' ? 1 : c == '}' ? -1 : 0;
    chunk_.append(text);
    if (balance_ == 0) {
      yield(chunk_, chunk_offset_, chunk_offset_);
      chunk_.clear();
    }
  }

  void yield(const std::string &data, uint64_t offset, uint64_t data_offset) {
    sse::Event e;
    e.data = data;
    if (sse::first_invalid_utf8(data) != std::string_view::npos) { // httpx's text: U+FFFD for ill-formed bytes
      repaired_.clear();
      sse::append_utf8_repaired(repaired_, data);
      e.data = repaired_;
    }
    e.index = index_++;
    e.offset = last_offset_ = std::max(offset, last_offset_);
    e.data_offset = last_data_offset_ = std::max(data_offset, last_data_offset_);
    sink_.on_event(e);
  }

  sse::EventSink &sink_;
  sse::LineScanner scanner_{sse::LineEnds::cr_lf_crlf};
  std::string data_;
  std::string repaired_; ///< a yielded text with U+FFFD for its ill-formed bytes
  bool has_data_ = false;
  uint64_t data_block_ = 0;
  uint64_t data_offset_ = 0;
  std::string chunk_;
  int64_t balance_ = 0;
  uint64_t chunk_offset_ = 0;
  uint64_t index_ = 0;
  uint64_t last_offset_ = 0; ///< of the last event yielded
  uint64_t last_data_offset_ = 0;
};

std::unique_ptr<sse::Parser> make_genai_parser(sse::EventSink &sink) {
  return std::make_unique<GenaiLines>(sink);
}

/// APIError.raise_error(error.get('code'), chunk): the exception's message.
std::string api_error(const PyValue &chunk) {
  const PyValue *error = chunk.get("error");
  if (!error->is_dict())
    return "'" + std::string(error->type_name()) + "' object has no attribute 'get'";
  const PyValue *code = error->get("code");
  if (code == nullptr || !code->is_int())
    return "'<=' not supported between instances of 'int' and '" +
           std::string(code == nullptr ? "NoneType" : code->type_name()) + "'";
  const PyValue *status = chunk.get("status");
  if (status == nullptr)
    status = error->get("status");
  // f'{self.code} {self.status}. {self.details}': str() of the status, repr() of the chunk.
  const std::string status_text = status == nullptr  ? "None"
                                  : status->is_str() ? status->string
                                                     : status->repr();
  return std::to_string(code->as_int()) + " " + status_text + ". " + chunk.repr();
}

class GenaiDecoder final : public ProfileDecoder {
private:
  void on_sdk_event(const sse::Event &event) override {
    rapidjson::Document doc;
    if (parse_json(event.data, JsonRuntime::python, doc)) {
      raise("Failed to parse response as JSON. Raw response: " + std::string(event.data));
      return;
    }
    if (doc.IsObject() && doc.MemberCount() > 0 && view(doc.MemberBegin()->name) == "error") {
      const std::string message = api_error(PyValue::from_json(doc));
      add_error(message, event, false);
      raise(message);
      return;
    }
    if (!doc.IsObject()) {
      raise(
          "the chunk is not a JSON object"); // the SDK's converter fails; its wording not modelled
      return;
    }
    if (const JsonValue *feedback = last_member(doc, "promptFeedback"))
      if (string_of(last_member(*feedback, "blockReason")).value_or("") != "")
        set_done();
    if (const JsonValue *usage = last_member(doc, "usageMetadata"); usage && usage->IsObject())
      usage_ = usage_of_gemini(*usage);
    const JsonValue *candidates = last_member(doc, "candidates");
    if (candidates == nullptr || !candidates->IsArray() || candidates->Empty() ||
        !candidates->GetArray()[0].IsObject())
      return;
    take(candidates->GetArray()[0]);
  }

  static std::string_view view(const JsonValue &s) { return {s.GetString(), s.GetStringLength()}; }

  void take(const JsonValue &candidate) {
    Choice &c = choice_ ? *choice_ : choice_.emplace();
    if (const JsonValue *content = last_member(candidate, "content")) {
      if (const auto role = string_of(last_member(*content, "role")); role && !c.role)
        c.role = std::string(*role);
      if (const JsonValue *parts = last_member(*content, "parts"); parts && parts->IsArray())
        for (const JsonValue &part : parts->GetArray())
          take_part(part, c);
    }
    if (const auto reason = string_of(last_member(candidate, "finishReason"))) {
      c.finish_reason = std::string(*reason);
      set_done();
    }
  }

  void take_part(const JsonValue &part, Choice &c) {
    if (const auto text = string_of(last_member(part, "text"))) {
      const JsonValue *thought = last_member(part, "thought");
      (thought && thought->IsTrue() ? c.reasoning : c.text) += *text;
      return;
    }
    const JsonValue *call = last_member(part, "functionCall");
    if (call == nullptr || !call->IsObject())
      return;
    ToolCall tc;
    tc.index = static_cast<int64_t>(c.tool_calls.size());
    if (const auto id = string_of(last_member(*call, "id")))
      tc.id = std::string(*id);
    tc.type = "function";
    if (const auto name = string_of(last_member(*call, "name")))
      tc.name = std::string(*name);
    if (const JsonValue *args = last_member(*call, "args"); args && args->IsObject())
      tc.arguments = compact_json(*args);
    c.tool_calls.push_back(std::move(tc));
  }

  static Usage usage_of_gemini(const JsonValue &usage) {
    Usage u;
    u.prompt_tokens = int_of(last_member(usage, "promptTokenCount"));
    u.completion_tokens = int_of(last_member(usage, "candidatesTokenCount"));
    u.total_tokens = int_of(last_member(usage, "totalTokenCount"));
    u.reasoning_tokens = int_of(last_member(usage, "thoughtsTokenCount"));
    return u;
  }

  void on_end() override {}

  void fill(StreamResult &result) override {
    if (choice_)
      result.choices.push_back(*choice_);
    result.usage = usage_;
  }

  std::optional<Choice> choice_;
  std::optional<Usage> usage_;
};

std::unique_ptr<dialect::Decoder> gemini_only(std::string_view dialect) {
  if (dialect != dialect::kGemini)
    return nullptr;
  return std::make_unique<GenaiDecoder>();
}

} // namespace

pipeline::Implementation google_genai_profile() {
  return {
      "google-genai-python",
      pipeline::Kind::profile,
      "google-genai (Python) generate_content_stream(): non-data lines parsed as JSON, the last "
      "event kept without its blank line, candidate 0 only, last finish_reason, error chunks raise",
      "googleapis/python-genai google/genai/_api_client.py (HttpResponse._iter_response_stream, "
      "request_streamed); google/genai/errors.py (APIError); google/genai/types.py "
      "(GenerateContentResponse.text, function_calls); google/genai/chats.py",
      make_genai_parser,
      gemini_only,
      false, // drops_unterminated_event: the gathered data lines are yielded at the end of the body
      {},    // sse_layer: its own
      false, // reads_sse_cases: a `data: ` line reader, not an SSE parser
  };
}

} // namespace harness::profiles

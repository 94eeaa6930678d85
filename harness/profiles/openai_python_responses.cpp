// Profile "openai-python-responses": `with client.responses.stream(...) as stream:` iterated to
// the end, then stream.get_final_response(). Source files (openai/openai-python at
// e43b422412a9e96c9cc5192c61fffbe2d7e04836, src/openai/):
//   _streaming.py                          SSEDecoder, Stream.__stream__ (python_stream.hpp)
//   lib/streaming/responses/_responses.py  ResponseStream.__stream__, get_final_response,
//                                          ResponseStreamState.handle_event, accumulate_event,
//                                          _create_initial_response
// What the result shows is the final response: the `response` of the response.completed event
// (parse_response copies it), not the snapshot the deltas built. The deltas matter only through
// what they raise. Messages of assert statements and list indexing are Python's own texts.
#include <optional>
#include <string>
#include <vector>

#include "profiles/python_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

std::string str_of(const PyValue *v) { return v && v->is_str() ? v->string : std::string(); }

std::optional<int64_t> py_int(const PyValue *v) {
  if (!v || v->kind != PyValue::Kind::integer)
    return std::nullopt;
  return v->integer;
}

/// The response object as a result: one choice from its output items, status, usage.
void fill_from_response(const PyValue &response, StreamResult &result) {
  Choice c;
  int64_t tool = 0;
  if (const PyValue *output = response.get("output"); output && output->is_list()) {
    for (const PyValue &item : output->list) {
      const std::string type = str_of(item.get("type"));
      if (type == "message") {
        if (!c.role)
          c.role = item.get("role") && item.get("role")->is_str() ? item.get("role")->string
                                                                  : std::string("assistant");
        if (const PyValue *content = item.get("content"); content && content->is_list())
          for (const PyValue &part : content->list) {
            const std::string kind = str_of(part.get("type"));
            if (kind == "output_text")
              c.text += str_of(part.get("text"));
            else if (kind == "refusal")
              c.refusal += str_of(part.get("refusal"));
          }
      } else if (type == "function_call") {
        ToolCall call;
        call.index = tool++;
        if (const PyValue *id = item.get("call_id"); id && id->is_str())
          call.id = id->string;
        call.type = "function";
        if (const PyValue *name = item.get("name"); name && name->is_str())
          call.name = name->string;
        call.arguments = str_of(item.get("arguments"));
        c.tool_calls.push_back(std::move(call));
      } else if (type == "reasoning") {
        for (const char *key : {"summary", "content"})
          if (const PyValue *parts = item.get(key); parts && parts->is_list())
            for (const PyValue &part : parts->list)
              c.reasoning += str_of(part.get("text"));
      }
    }
  }
  if (const PyValue *status = response.get("status"); status && status->is_str() &&
                                                      !status->string.empty())
    c.finish_reason = status->string;
  result.choices.push_back(std::move(c));
  if (const PyValue *usage = response.get("usage"); usage && usage->is_dict()) {
    Usage u;
    u.prompt_tokens = py_int(usage->get("input_tokens"));
    u.completion_tokens = py_int(usage->get("output_tokens"));
    u.total_tokens = py_int(usage->get("total_tokens"));
    if (const PyValue *details = usage->get("output_tokens_details"))
      u.reasoning_tokens = py_int(details->get("reasoning_tokens"));
    result.usage = u;
  }
}

class PythonResponsesDecoder final : public PythonStreamDecoder {
  void on_item(const PyValue &event) override {
    const PyValue *t = event.get("type");
    const std::string type = t && t->is_str() ? t->string : std::string("None");
    if (auto error = handle_event(type, event)) {
      raise(std::move(*error));
      return;
    }
    if (type == "response.completed" || type == "response.incomplete" ||
        type == "response.failed")
      set_done();
  }

  // handle_event: accumulate_event, then the asserts of building the helper's events.
  std::optional<std::string> handle_event(const std::string &type, const PyValue &event) {
    if (!snapshot_) {
      if (type != "response.created")
        return "Expected to have received `response.created` before `" + type + "`";
      // _create_initial_response: event.response.to_dict(), an AttributeError when the event has
      // no response or it is not an object (construct keeps the raw value).
      const PyValue *response = event.get("response");
      if (!response)
        return std::string("'ResponseCreatedEvent' object has no attribute 'response'");
      if (!response->is_dict())
        return "'" + std::string(response->type_name()) + "' object has no attribute 'to_dict'";
      snapshot_ = *response;
      if (!snapshot_->get("output") || !snapshot_->get("output")->is_list()) {
        PyValue list;
        list.kind = PyValue::Kind::list;
        snapshot_->set("output", std::move(list));
      }
      return std::nullopt;
    }
    std::vector<PyValue> &output = snapshot_->get("output")->list;
    if (type == "response.output_item.added") {
      const PyValue *item = event.get("item");
      output.push_back(item ? *item : PyValue()); // appended: output_index is not read
      return std::nullopt;
    }
    if (type == "response.completed") {
      const PyValue *response = event.get("response");
      completed_ = response ? *response : PyValue();
      return std::nullopt;
    }
    const bool content_added = type == "response.content_part.added";
    const bool text_delta = type == "response.output_text.delta";
    const bool text_done = type == "response.output_text.done";
    const bool args_delta = type == "response.function_call_arguments.delta";
    if (!content_added && !text_delta && !text_done && !args_delta)
      return std::nullopt;
    const auto index = py_int(event.get("output_index"));
    const auto at = index ? python_index(*index, output.size()) : std::nullopt;
    if (!at)
      return std::string("list index out of range");
    PyValue &item = output[*at];
    const std::string item_type = str_of(item.get("type"));
    if (content_added) {
      PyValue *content = item.get("content");
      if (item_type == "message" && content && content->is_list())
        content->list.push_back(event.get("part") ? *event.get("part") : PyValue());
      return std::nullopt;
    }
    if (args_delta) {
      if (item_type == "function_call") {
        PyValue *arguments = item.get("arguments");
        if (arguments && arguments->is_str())
          arguments->string += str_of(event.get("delta"));
      }
      return item_type == "function_call" ? std::nullopt
                                          : std::optional<std::string>("AssertionError");
    }
    // output_text.delta (accumulated only into a message) and .done: both then assert that the
    // item is a message and its content part an output_text.
    if (item_type != "message")
      return std::string("AssertionError");
    PyValue *content = item.get("content");
    const auto content_index = py_int(event.get("content_index"));
    const auto part_at = content && content->is_list() && content_index
                             ? python_index(*content_index, content->list.size())
                             : std::nullopt;
    if (!part_at)
      return std::string("list index out of range");
    PyValue &part = content->list[*part_at];
    if (str_of(part.get("type")) != "output_text")
      return std::string("AssertionError");
    if (text_delta)
      if (PyValue *text = part.get("text"); text && text->is_str())
        text->string += str_of(event.get("delta"));
    return std::nullopt;
  }

  // get_final_response().
  void on_end() override {
    if (!completed_)
      raise("Didn't receive a `response.completed` event.");
  }

  void fill(StreamResult &result) override {
    if (completed_)
      fill_from_response(*completed_, result);
    else if (snapshot_)
      fill_from_response(*snapshot_, result);
  }

  std::optional<PyValue> snapshot_;  ///< from response.created, grown by the events
  std::optional<PyValue> completed_; ///< response.completed's response
};

} // namespace

pipeline::Implementation openai_python_responses_profile() {
  return {
      "openai-python-responses",
      pipeline::Kind::profile,
      "openai (Python) responses.stream() + get_final_response(): the result is "
      "response.completed's response; raises without it (incomplete and failed responses too)",
      "openai/openai-python src/openai/_streaming.py (SSEDecoder, Stream.__stream__); "
      "src/openai/lib/streaming/responses/_responses.py (ResponseStreamState, "
      "get_final_response)",
      make_python_parser,
      for_dialect<PythonResponsesDecoder, dialect::kOpenAiResponses>,
      true,
      "openai-python", // sse_layer: the same Stainless SSE decoder
  };
}

} // namespace harness::profiles

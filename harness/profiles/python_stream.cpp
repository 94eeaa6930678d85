#include "profiles/python_stream.hpp"

namespace harness::profiles {

std::unique_ptr<sse::Parser> make_python_parser(sse::EventSink &sink) {
  return make_sdk_line_parser(sink, kPythonLines);
}

PythonStreamStep python_stream_step(const sse::Event &event) {
  PythonStreamStep step;
  if (event.data.substr(0, 6) == "[DONE]") {
    step.kind = PythonStreamStep::Kind::done;
    return step;
  }
  rapidjson::Document doc;
  if (auto error = parse_json(event.data, JsonRuntime::python, doc)) {
    step.kind = PythonStreamStep::Kind::raised;
    step.message = std::move(*error);
    return step;
  }
  PyValue data = PyValue::from_json(doc);

  // _raise_streaming_error runs for every event (for `event: error` twice, to the same effect).
  if (const PyValue *error = data.get("error"); error && error->truthy()) {
    const PyValue *message = error->get("message");
    step.kind = PythonStreamStep::Kind::raised;
    step.error_key = true;
    step.from_error_event = event.type == "error";
    step.message = message && message->is_str() && !message->string.empty()
                       ? message->string
                       : "An error occurred during streaming";
    return step;
  }
  if (event.type.substr(0, 7) == "thread.") {
    PyValue wrapper;
    wrapper.kind = PyValue::Kind::dict;
    wrapper.set("data", std::move(data));
    PyValue type;
    type.kind = PyValue::Kind::string;
    type.string.assign(event.type);
    wrapper.set("event", std::move(type));
    data = std::move(wrapper);
  }
  step.kind = PythonStreamStep::Kind::item;
  step.item = std::move(data);
  return step;
}

void PythonStreamDecoder::on_sdk_event(const sse::Event &event) {
  PythonStreamStep step = python_stream_step(event);
  switch (step.kind) {
  case PythonStreamStep::Kind::done:
    set_done();
    stop_reading();
    return;
  case PythonStreamStep::Kind::raised:
    if (step.error_key)
      add_error(step.message, event, step.from_error_event);
    raise(std::move(step.message));
    return;
  case PythonStreamStep::Kind::item:
    on_item(step.item);
    return;
  }
}

} // namespace harness::profiles

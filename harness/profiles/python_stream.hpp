#pragma once
// openai-python's transport, shared by the openai-python and LiteLLM profiles (LiteLLM sends
// OpenAI-compatible requests through the openai client and iterates its Stream):
//   src/openai/_streaming.py  SSEDecoder (lines and events) and Stream.__stream__ (the per-event
//   loop: [DONE], json.loads, the "error" check).
#include <memory>
#include <string>

#include "profiles/profile_decoder.hpp"
#include "profiles/py_value.hpp"
#include "profiles/sdk_lines.hpp"

namespace harness::profiles {

/// SSEDecoder.iter_bytes / _iter_chunks / decode:
///   - lines: bytes.splitlines(), so CR, LF and CRLF end a line (the chunk grouping at "\r\r",
///     "\n\n", "\r\n\r\n" only decides when lines are decoded, not which lines there are);
///   - every line is decoded with raw_line.decode("utf-8"): strict, an ill-formed byte raises
///     UnicodeDecodeError; no BOM is stripped, so a leading BOM makes the first field name
///     "\ufeffdata" and that line is ignored;
///   - a blank line yields an event when event, data, the last event id or retry is set; the last
///     id is never reset, so after one `id:` every blank line yields an event (its data may be
///     empty); fields event, data, id (not with NUL), retry (when int() accepts it);
///   - at end of body the lines after the last blank line are decoded but never dispatched: an
///     unterminated last event is dropped.
inline constexpr LineRules kPythonLines{
    sse::LineEnds::cr_lf_crlf,      false, LineRules::Text::strict_utf8,
    LineRules::Dispatch::any_field, true,  false};

/// The SDK line parser with kPythonLines: what a Python profile's Implementation::make_parser is.
std::unique_ptr<sse::Parser> make_python_parser(sse::EventSink &sink);

/// What Stream.__stream__ makes of one event.
struct PythonStreamStep {
  enum class Kind {
    done,   ///< data.startswith("[DONE]"): the loop breaks (prefix match, so "[DONE]x" too)
    raised, ///< json.loads failed (JSONDecodeError) or _raise_streaming_error raised (APIError)
    item,   ///< the value process_data() builds a chunk from
  };
  Kind kind = Kind::item;
  std::string message;           ///< raised: the exception's message
  bool error_key = false;        ///< raised by _raise_streaming_error (a truthy "error" key)
  bool from_error_event = false; ///< ... for an `event: error` event
  PyValue item;
};

/// Stream.__stream__ for one event: the [DONE] prefix test, json.loads, then
/// _raise_streaming_error (a mapping whose "error" is truthy raises APIError with error.message
/// when that is a non-empty str, else "An error occurred during streaming"); `thread.*` events are
/// wrapped as {"data": ..., "event": ...} (which is not a chat chunk).
PythonStreamStep python_stream_step(const sse::Event &event);

/// A profile decoder that reads its events through Stream.__stream__ (python_stream_step):
///   - done: `break` at [DONE]; the response is closed, nothing more is read (set_done,
///     stop_reading);
///   - raised: the client raises the step's message; an "error" key also records the producer's
///     error (add_error) first;
///   - item: handed to on_item, which is all a subclass sees of the event.
class PythonStreamDecoder : public ProfileDecoder {
protected:
  /// What the code iterating the Stream does with one item; it may raise().
  virtual void on_item(const PyValue &item) = 0;

private:
  void on_sdk_event(const sse::Event &event) final;
};

} // namespace harness::profiles

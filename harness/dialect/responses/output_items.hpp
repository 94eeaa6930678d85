#pragma once
// The output items of one Responses API stream, and what each adds to the choice.
//
//   response.output_item.added   needs an integer output_index and an item object with a string
//                                type (else responses.malformed-event, ignored); an output_index
//                                already announced is responses.item-repeated (the first is kept).
//       message                  sets the choice's role (item.role, else "assistant") if unset
//       function_call            a tool call: index = its position among function_call items,
//                                id = call_id, type "function", name ("" counts as absent)
//       anything else            (reasoning, web_search_call, ...) nothing by itself
//   Events about an item find it by output_index, else by item_id; an item never announced is
//   responses.unknown-item and the event is ignored (openai-python raises).
//   response.output_text.delta       delta -> choice.text       (message items)
//   response.refusal.delta           delta -> choice.refusal    (message items)
//   response.reasoning_text.delta, response.reasoning_summary_text.delta
//                                    delta -> choice.reasoning  (reasoning items)
//   response.function_call_arguments.delta  delta -> the tool call's arguments (function_call)
//     A delta or done event for an item of another type is responses.item-type-mismatch, ignored.
//   The matching .done events (text, refusal, text, text, arguments) are compared with what the
//   deltas of the same part (content_index, or summary_index) streamed: a difference is
//   responses.done-text-mismatch and the deltas are kept (they are what a streaming client
//   showed). A non-empty .done value with no delta before it is taken, with
//   responses.done-without-deltas (LM Studio sends function_call_arguments.done alone).
//   response.output_item.done of a function_call fills a missing call_id / name (a different one
//   does not replace it), settles the arguments from item.arguments the same way, and then checks
//   that non-empty arguments are a JSON object (responses.tool-arguments-invalid).
//   response.content_part.*, response.reasoning_summary_part.* and tool progress events with an
//   output_index only check that the item exists.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"
#include "sse/parser.hpp"
#include "json/rapidjson.hpp"

namespace harness::responses {

/// The streamed texts, by where they go.
enum class TextKind { output_text, refusal, reasoning_text, reasoning_summary };

class OutputItems {
public:
  /// Findings go to `result`, which must outlive this object.
  explicit OutputItems(StreamResult &result) : result_(result) {}

  void added(const rapidjson::Value &payload, const sse::Event &event, Choice &choice);
  void done(const rapidjson::Value &payload, const sse::Event &event, Choice &choice);
  /// An event that only refers to an item (content parts, tool progress): checks it exists.
  void refer(std::string_view type, const rapidjson::Value &payload, const sse::Event &event);

  void text_delta(TextKind kind, std::string_view type, const rapidjson::Value &payload,
                  const sse::Event &event, Choice &choice);
  void text_done(TextKind kind, std::string_view type, const rapidjson::Value &payload,
                 const sse::Event &event, Choice &choice);
  void arguments_delta(std::string_view type, const rapidjson::Value &payload,
                       const sse::Event &event, Choice &choice);
  void arguments_done(std::string_view type, const rapidjson::Value &payload,
                      const sse::Event &event, Choice &choice);

private:
  static constexpr size_t kNoTool = static_cast<size_t>(-1);

  /// What the deltas of one part streamed, for the comparison with its .done.
  struct Part {
    TextKind kind;
    int64_t index;
    std::string streamed;
    bool delta_seen = false;
    bool settled = false;
  };

  struct Item {
    int64_t output_index = 0;
    std::string id;
    std::string type;
    size_t tool = kNoTool; ///< position in choice.tool_calls (function_call items)
    std::vector<Part> parts;
    bool arguments_delta_seen = false;
    bool arguments_settled = false;
  };

  /// The item an event names; nullptr after a finding when there is none.
  Item *locate(std::string_view type, const rapidjson::Value &payload, const sse::Event &event);
  /// The item when it has `wanted` type; nullptr after responses.item-type-mismatch otherwise.
  Item *locate_typed(std::string_view type, std::string_view wanted,
                     const rapidjson::Value &payload, const sse::Event &event);
  Part &part(Item &item, TextKind kind, int64_t index);
  /// Settles what deltas streamed against a final value (`what` names it for messages): returns
  /// true when the final value is to be taken (non-empty, and no delta came and nothing settled
  /// before), with responses.done-without-deltas; otherwise a final value that differs from
  /// `streamed` is responses.done-text-mismatch.
  bool settle(std::string_view what, std::string_view final_value, bool delta_seen, bool &settled,
              std::string_view streamed, const sse::Event &event);

  StreamResult &result_;
  std::vector<Item> items_; ///< in announcement order; a stream has a handful
};

} // namespace harness::responses

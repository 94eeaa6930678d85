#include "dialect/chat/stream_end.hpp"

#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/stream_end.hpp"
#include "json/rapidjson.hpp"

namespace harness::chat {

namespace {

bool valid_json(std::string_view text) {
  rapidjson::BaseReaderHandler<> ignore;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  const rapidjson::ParseResult r = reader.Parse<json::kParseFlags>(stream, ignore);
  // RapidJSON stops at a NUL byte: bytes after it would otherwise go unread.
  return !r.IsError() && stream.Tell() == text.size();
}

std::string choice_name(int64_t index) { return "choice " + std::to_string(index); }

void add(StreamResult &result, const rules::Rule &rule, EventRef at, std::string message) {
  add_finding(result, rule, at.offset, at.index, std::move(message));
}

void check_indexes(StreamResult &result, const StreamState &state) {
  const auto &choices = result.choices;
  size_t first_gap = choices.size();
  for (size_t k = 0; k < choices.size() && first_gap == choices.size(); ++k)
    if (choices[k].index != static_cast<int64_t>(k))
      first_gap = k;
  if (first_gap == choices.size())
    return;
  constexpr size_t kShown = 8;
  std::string seen;
  for (size_t k = 0; k < choices.size() && k < kShown; ++k)
    seen += (k > 0 ? ", " : "") + std::to_string(choices[k].index);
  if (choices.size() > kShown)
    seen += ", ...";
  add(result, rules::chat_choice_index_gap, state.choices[first_gap].first,
      "the choice indexes seen are " + seen + " rather than 0.." +
          std::to_string(choices.size() - 1));
}

void check_choice(StreamResult &result, const Choice &choice, const ChoiceState &cs) {
  const std::string name = choice_name(choice.index);
  if (!choice.finish_reason)
    add(result, rules::chat_finish_reason_missing, cs.last,
        name + " ended without a finish_reason");
  const bool tool_finish = choice.finish_reason == "tool_calls";
  for (size_t k = 0; k < choice.tool_calls.size(); ++k) {
    const ToolCall &call = choice.tool_calls[k];
    const EventRef at = cs.tool_calls[k];
    const std::string call_name = name + " tool call " + std::to_string(call.index);
    if (!call.id)
      add(result, rules::chat_tool_call_without_id, at, call_name + " never got a non-empty id");
    if (!call.name)
      add(result, rules::chat_tool_call_without_name, at,
          call_name + " never got a non-empty function.name");
    if (tool_finish && !valid_json(call.arguments))
      add(result, rules::chat_tool_arguments_invalid, at,
          call.arguments.empty()
              ? call_name + " finished with tool_calls but its arguments are empty, which is "
                            "not JSON"
              : call_name + " finished with tool_calls but its arguments " +
                    quoted(call.arguments) + " are not valid JSON");
  }
}

} // namespace

void check_stream_end(StreamResult &result, const StreamState &state) {
  check_indexes(result, state);
  // check_choice appends findings, never choices: the references stay valid.
  for (size_t k = 0; k < result.choices.size(); ++k)
    check_choice(result, result.choices[k], state.choices[k]);
  const EventRef last = state.last_event.value_or(EventRef{});
  dialect::check_usage_and_done(
      result, state.chunks > 0, last.offset, last.index, "the stream carries no usage object",
      "the stream ended after " + std::to_string(result.events) +
          (result.events == 1 ? " event" : " events") + " without data: [DONE]");
}

} // namespace harness::chat

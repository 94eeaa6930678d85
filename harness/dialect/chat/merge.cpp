#include "dialect/chat/merge.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"

namespace harness::chat {

namespace {

class Merger {
public:
  Merger(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result)
      : chunk_(chunk), event_(event), result_(result) {}

  void run() {
    if (chunk_.error) {
      result_.errors.push_back(
          StreamError{*chunk_.error, "payload", event_.data_offset, event_.index});
      add(rules::error_payload, "the payload reports an error: " + quoted(*chunk_.error));
    }
    for (const std::string &note : chunk_.type_notes)
      add(rules::chat_unexpected_type, note);
    for (const DecodedChoice &c : chunk_.choices)
      merge_choice(c);
    if (chunk_.usage_state == UsageState::object)
      result_.usage = chunk_.usage;
    else if (chunk_.usage_state == UsageState::null && result_.usage)
      add(rules::usage_null_after_usage, "usage is null after a usage object; the stored one is kept");
  }

private:
  std::optional<std::string_view> value(Slot s) const {
    if (s == kNoSlot)
      return std::nullopt;
    return chunk_.values[static_cast<size_t>(s)];
  }

  void add(const rules::Rule &rule, std::string message) {
    add_finding(result_, rule, event_.data_offset, event_.index, std::move(message));
  }

  Choice &choice_at(int64_t index) {
    auto &v = result_.choices;
    if (!v.empty() && v.back().index == index) // the common case: one choice, or in order
      return v.back();
    auto it = std::lower_bound(v.begin(), v.end(), index,
                               [](const Choice &c, int64_t i) { return c.index < i; });
    if (it == v.end() || it->index != index) {
      it = v.insert(it, Choice{});
      it->index = index;
    }
    return *it;
  }

  static ToolCall &tool_call_at(Choice &choice, int64_t index) {
    auto &v = choice.tool_calls;
    if (!v.empty() && v.back().index == index)
      return v.back();
    auto it = std::lower_bound(v.begin(), v.end(), index,
                               [](const ToolCall &t, int64_t i) { return t.index < i; });
    if (it == v.end() || it->index != index) {
      it = v.insert(it, ToolCall{});
      it->index = index;
    }
    return *it;
  }

  void merge_reasoning(Choice &choice, const DecodedChoice &d) {
    const auto rc = value(d.reasoning_content);
    const auto rs = value(d.reasoning);
    const bool has_rc = rc && !rc->empty();
    const bool has_rs = rs && !rs->empty();
    if (has_rc) {
      choice.reasoning.append(*rc);
      if (has_rs && *rs != *rc)
        add(rules::chat_reasoning_conflict,
            "choice " + std::to_string(choice.index) +
                ": delta.reasoning_content and delta.reasoning differ; reasoning_content is used");
    } else if (has_rs) {
      choice.reasoning.append(*rs);
    }
  }

  // id, type and function.name: set once; "" ignored; the same value again is no change.
  void set_once(std::optional<std::string> &field, std::optional<std::string_view> v,
                std::string_view what, const Choice &choice, int64_t tool_index) {
    if (!v || v->empty())
      return;
    if (!field) {
      field.emplace(*v);
      return;
    }
    if (*field != *v)
      add(rules::chat_tool_call_changed, "choice " + std::to_string(choice.index) + " tool call " +
                                       std::to_string(tool_index) + ": " + std::string(what) +
                                       " " + quoted(*v) + " after " + quoted(*field) +
                                       "; the first is kept");
  }

  void merge_tool_call(Choice &choice, const DecodedToolCall &d) {
    int64_t index = 0;
    if (d.index) {
      index = *d.index;
    } else {
      index = d.position;
      add(rules::chat_tool_call_without_index,
          "choice " + std::to_string(choice.index) + ": tool_calls entry " +
              std::to_string(d.position) + " has no index; its position is used");
    }
    ToolCall &call = tool_call_at(choice, index);
    set_once(call.id, value(d.id), "id", choice, index);
    set_once(call.type, value(d.type), "type", choice, index);
    set_once(call.name, value(d.name), "function.name", choice, index);
    if (const auto args = value(d.arguments))
      call.arguments.append(*args);
  }

  void merge_choice(const DecodedChoice &d) {
    Choice &choice = choice_at(d.index.value_or(0));
    if (const auto role = value(d.role)) {
      if (!choice.role)
        choice.role.emplace(*role);
      else if (*choice.role != *role)
        add(rules::chat_role_changed, "choice " + std::to_string(choice.index) + ": role " +
                                     quoted(*role) + " after " + quoted(*choice.role) +
                                     "; the first is kept");
    }
    if (const auto content = value(d.content))
      choice.text.append(*content);
    merge_reasoning(choice, d);
    if (const auto refusal = value(d.refusal))
      choice.refusal.append(*refusal);
    for (const DecodedToolCall &t : d.tool_calls)
      merge_tool_call(choice, t);
    if (const auto finish = value(d.finish_reason); finish && !finish->empty()) {
      if (!choice.finish_reason)
        choice.finish_reason.emplace(*finish);
      else
        add(rules::chat_finish_reason_repeated, "choice " + std::to_string(choice.index) +
                                              ": finish_reason " + quoted(*finish) + " after " +
                                              quoted(*choice.finish_reason) +
                                              "; the first is kept");
    }
  }

  const DecodedChunk &chunk_;
  const sse::Event &event_;
  StreamResult &result_;
};

} // namespace

void merge_chunk(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result) {
  Merger(chunk, event, result).run();
}

} // namespace harness::chat

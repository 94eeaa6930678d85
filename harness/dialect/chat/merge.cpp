#include "dialect/chat/merge.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/chat/findings.hpp"

namespace harness::chat {

namespace {

constexpr std::string_view kChunkObject = "chat.completion.chunk";

bool documented_finish_reason(std::string_view r) {
  return r == "stop" || r == "length" || r == "tool_calls" || r == "content_filter" ||
         r == "function_call";
}

// "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0)
      out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

class Merger {
public:
  Merger(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result,
         StreamState &state)
      : chunk_(chunk), event_(event), result_(result), state_(state) {}

  void run() {
    ++state_.chunks;
    if (chunk_.error) {
      result_.errors.push_back(
          StreamError{*chunk_.error, "payload", event_.data_offset, event_.index});
      add(rules::error_payload, "the payload reports an error: " + quoted(*chunk_.error));
    }
    for (const std::string &note : chunk_.type_notes)
      add(rules::chat_unexpected_type, note);
    if (chunk_.big_integers != 0)
      add(rules::json_integer_precision,
          "the payload holds the integer " + chunk_.first_big_integer +
              (chunk_.big_integers > 1
                   ? " and " + std::to_string(chunk_.big_integers - 1) + " more"
                   : std::string()) +
              " beyond +-2^53, which JavaScript and other double-based parsers change");
    check_header();
    for (const DecodedChoice &c : chunk_.choices)
      merge_choice(c);
    if (chunk_.usage_state == UsageState::object) {
      check_usage();
      result_.usage = chunk_.usage;
    } else if (chunk_.usage_state == UsageState::null && result_.usage) {
      add(rules::usage_null_after_usage, "usage is null after a usage object; the stored one is kept");
    }
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

  EventRef here() const { return {event_.data_offset, event_.index}; }

  // The position of choice `index` in result_.choices (and state_.choices), created when new.
  size_t choice_at(int64_t index) {
    auto &v = result_.choices;
    if (!v.empty() && v.back().index == index) // the common case: one choice, or in order
      return v.size() - 1;
    return find_or_add_choice(index);
  }

  [[gnu::noinline]] size_t find_or_add_choice(int64_t index) {
    auto &v = result_.choices;
    auto it = std::lower_bound(v.begin(), v.end(), index,
                               [](const Choice &c, int64_t i) { return c.index < i; });
    const auto at = it - v.begin();
    if (it == v.end() || it->index != index) {
      it = v.insert(it, Choice{});
      it->index = index;
      ChoiceState fresh;
      fresh.first = fresh.last = here();
      state_.choices.insert(state_.choices.begin() + at, std::move(fresh));
    }
    return static_cast<size_t>(at);
  }

  ToolCall &tool_call_at(Choice &choice, ChoiceState &cs, int64_t index) {
    auto &v = choice.tool_calls;
    if (!v.empty() && v.back().index == index)
      return v.back();
    auto it = std::lower_bound(v.begin(), v.end(), index,
                               [](const ToolCall &t, int64_t i) { return t.index < i; });
    if (it == v.end() || it->index != index) {
      cs.tool_calls.insert(cs.tool_calls.begin() + (it - v.begin()), here());
      it = v.insert(it, ToolCall{});
      it->index = index;
    }
    return *it;
  }

  // The header of a memo hit whose id, model and object are the stored payload's bytes, when the
  // stored payload's header was checked clean: see merge.hpp.
  bool header_known_clean() const {
    if (chunk_.memo_serial == 0 || !chunk_.header_as_stored)
      return false;
    return std::find(state_.clean_headers.begin(), state_.clean_headers.end(),
                     chunk_.memo_serial) != state_.clean_headers.end();
  }

  // Per chunk: the rare paths (comparing strings, reporting) stay out of line.
  void check_header() {
    if (!header_known_clean())
      check_header_strings();
    if (chunk_.created) {
      if (state_.latest_created && *chunk_.created < *state_.latest_created)
        report_created_backwards();
      else
        state_.latest_created = chunk_.created;
    }
  }

  [[gnu::noinline]] void report_created_backwards() {
    add(rules::chat_created_backwards, "created " + std::to_string(*chunk_.created) +
                                           " is earlier than " +
                                           std::to_string(*state_.latest_created) +
                                           " of an earlier chunk");
  }

  // object, id and model: decisions on decoded values only (memo on or off alike). A clean
  // header of a memo hit is remembered by its shape's serial (merge.hpp).
  [[gnu::noinline]] void check_header_strings() {
    const size_t findings_before = result_.findings.size();
    compare_header_strings();
    if (result_.findings.size() == findings_before && chunk_.memo_serial != 0 &&
        chunk_.header_as_stored) {
      state_.clean_headers[state_.next_clean_header] = chunk_.memo_serial;
      state_.next_clean_header = (state_.next_clean_header + 1) % state_.clean_headers.size();
    }
  }

  void compare_header_strings() {
    const auto object = value(chunk_.object);
    if (object != kChunkObject && !chunk_.error)
      add(rules::chat_object_not_chunk,
          object ? "object is " + quoted(*object) + ", not \"chat.completion.chunk\""
                 : std::string("the chunk has no string object; \"chat.completion.chunk\" "
                               "was expected"));
    if (const auto id = value(chunk_.id); id && !id->empty()) {
      if (state_.first_id.empty())
        state_.first_id.assign(*id);
      else if (*id != state_.first_id)
        add(rules::chat_id_changed,
            "id " + quoted(*id) + " differs from the first id " + quoted(state_.first_id));
    }
    if (const auto model = value(chunk_.model); model && !model->empty()) {
      if (state_.first_model.empty())
        state_.first_model.assign(*model);
      else if (*model != state_.first_model)
        add(rules::chat_model_changed, "model " + quoted(*model) + " differs from the first model " +
                                           quoted(state_.first_model));
    }
  }

  void check_usage() {
    const Usage &u = chunk_.usage;
    std::vector<std::string> parts;
    auto disagree = [&](const std::optional<int64_t> &dup, const std::optional<int64_t> &main,
                        std::string_view dup_name, std::string_view main_name) {
      if (dup && main && *dup != *main)
        parts.push_back(std::string(dup_name) + " " + std::to_string(*dup) + " differs from " +
                        std::string(main_name) + " " + std::to_string(*main));
    };
    disagree(chunk_.input_tokens, u.prompt_tokens, "input_tokens", "prompt_tokens");
    disagree(chunk_.output_tokens, u.completion_tokens, "output_tokens", "completion_tokens");
    if (!parts.empty())
      add(rules::usage_counters_disagree, "usage " + joined(parts));

    if (u.prompt_tokens && u.completion_tokens && u.total_tokens) {
      int64_t sum = 0;
      const bool sum_ok = !__builtin_add_overflow(*u.prompt_tokens, *u.completion_tokens, &sum);
      int64_t with_reasoning = 0;
      const bool with_ok = sum_ok && u.reasoning_tokens &&
                           !__builtin_add_overflow(sum, *u.reasoning_tokens, &with_reasoning);
      const bool matches = (sum_ok && *u.total_tokens == sum) ||
                           (with_ok && *u.total_tokens == with_reasoning);
      if (!matches) {
        auto shown = [](bool ok, int64_t v) { return ok ? std::to_string(v) : "too large"; };
        std::string message = "usage total_tokens " + std::to_string(*u.total_tokens);
        if (u.reasoning_tokens)
          message += " is neither prompt_tokens + completion_tokens (" + shown(sum_ok, sum) +
                     ") nor that plus reasoning_tokens (" + shown(with_ok, with_reasoning) + ")";
        else
          message += " is not prompt_tokens + completion_tokens (" + shown(sum_ok, sum) + ")";
        add(rules::usage_total_mismatch, std::move(message));
      }
    }

    if (!result_.usage)
      return;
    const Usage &before = *result_.usage;
    parts.clear();
    auto went_down = [&](const std::optional<int64_t> &was, const std::optional<int64_t> &now,
                         std::string_view name) {
      if (was && now && *now < *was)
        parts.push_back(std::string(name) + " from " + std::to_string(*was) + " to " +
                        std::to_string(*now));
    };
    went_down(before.prompt_tokens, u.prompt_tokens, "prompt_tokens");
    went_down(before.completion_tokens, u.completion_tokens, "completion_tokens");
    went_down(before.total_tokens, u.total_tokens, "total_tokens");
    went_down(before.reasoning_tokens, u.reasoning_tokens, "reasoning_tokens");
    if (!parts.empty())
      add(rules::usage_decreased,
          "usage went down since the previous usage object: " + joined(parts));
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

  void merge_tool_call(Choice &choice, ChoiceState &cs, const DecodedToolCall &d) {
    int64_t index = 0;
    if (d.index) {
      index = *d.index;
    } else {
      index = d.position;
      add(rules::chat_tool_call_without_index,
          "choice " + std::to_string(choice.index) + ": tool_calls entry " +
              std::to_string(d.position) + " has no index; its position is used");
    }
    ToolCall &call = tool_call_at(choice, cs, index);
    set_once(call.id, value(d.id), "id", choice, index);
    set_once(call.type, value(d.type), "type", choice, index);
    set_once(call.name, value(d.name), "function.name", choice, index);
    if (const auto args = value(d.arguments))
      call.arguments.append(*args);
  }

  static bool non_empty(std::optional<std::string_view> v) { return v && !v->empty(); }

  // What of a delta counts as content for chat.content-after-finish; empty when nothing does.
  std::vector<std::string> content_kinds(const DecodedChoice &d) const {
    std::vector<std::string> kinds;
    if (non_empty(value(d.content)))
      kinds.emplace_back("content");
    if (non_empty(value(d.refusal)))
      kinds.emplace_back("refusal");
    if (non_empty(value(d.reasoning_content)) || non_empty(value(d.reasoning)))
      kinds.emplace_back("reasoning");
    for (const DecodedToolCall &t : d.tool_calls)
      if (non_empty(value(t.id)) || non_empty(value(t.name)) || non_empty(value(t.arguments))) {
        kinds.emplace_back("tool calls");
        break;
      }
    return kinds;
  }

  void check_finish_reason(Choice &choice, ChoiceState &cs, std::string_view finish) {
    if (finish.empty()) {
      if (!cs.empty_finish_reported) {
        cs.empty_finish_reported = true;
        add(rules::chat_finish_reason_empty,
            "choice " + std::to_string(choice.index) +
                ": finish_reason is \"\", which is neither null nor a documented value");
      }
      return;
    }
    if (!documented_finish_reason(finish))
      add(rules::chat_finish_reason_unknown,
          "choice " + std::to_string(choice.index) + ": finish_reason " + quoted(finish) +
              " is not one of stop, length, tool_calls, content_filter, function_call");
    if (!choice.finish_reason)
      choice.finish_reason.emplace(finish);
    else
      add(rules::chat_finish_reason_repeated, "choice " + std::to_string(choice.index) +
                                                ": finish_reason " + quoted(finish) + " after " +
                                                quoted(*choice.finish_reason) +
                                                "; the first is kept");
  }

  void merge_choice(const DecodedChoice &d) {
    const size_t at = choice_at(d.index.value_or(0));
    Choice &choice = result_.choices[at];
    ChoiceState &cs = state_.choices[at];
    cs.last = here();
    if (d.has_delta && !cs.had_delta) {
      cs.had_delta = true;
      if (const auto role = value(d.role); !role)
        add(rules::chat_first_delta_without_role,
            "choice " + std::to_string(choice.index) + ": the first delta carries no role");
      else if (role->empty())
        add(rules::chat_first_delta_without_role,
            "choice " + std::to_string(choice.index) + ": the first delta's role is empty");
    }
    if (choice.finish_reason)
      if (const auto kinds = content_kinds(d); !kinds.empty())
        add(rules::chat_content_after_finish, "choice " + std::to_string(choice.index) + ": " +
                                                  joined(kinds) + " after finish_reason " +
                                                  quoted(*choice.finish_reason));
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
      merge_tool_call(choice, cs, t);
    if (const auto finish = value(d.finish_reason))
      check_finish_reason(choice, cs, *finish);
  }

  const DecodedChunk &chunk_;
  const sse::Event &event_;
  StreamResult &result_;
  StreamState &state_;
};

} // namespace

void merge_chunk(const DecodedChunk &chunk, const sse::Event &event, StreamResult &result,
                 StreamState &state) {
  Merger(chunk, event, result, state).run();
}

} // namespace harness::chat

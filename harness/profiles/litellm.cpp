// Profile "litellm": `chunks = list(litellm.completion(..., stream=True))`, then
// `litellm.stream_chunk_builder(chunks)` (no `messages` given). For OpenAI-compatible providers
// LiteLLM calls the openai client, so bytes, events and the per-event checks are openai-python's
// Stream (python_stream.hpp). Source files (BerriAI/litellm):
//   litellm/main.py                                        stream_chunk_builder
//   litellm/litellm_core_utils/streaming_chunk_builder_utils.py
//       ChunkProcessor.build_base_response, get_combined_content,
//       get_combined_reasoning_content, get_combined_tool_content, calculate_usage,
//       _calculate_usage_per_chunk, count_reasoning_tokens
//   litellm/litellm_core_utils/core_helpers.py             map_finish_reason
//   litellm/exceptions.py                                  APIError ("litellm.APIError: ...")
// Not modelled: CustomStreamWrapper (litellm_core_utils/streaming_handler.py), which rewrites the
// provider's chunks before the caller sees them (it forces role on the first chunk and strips it
// afterwards, holds finish_reason back, drops empty chunks); the profile gives the builder the
// chunks as the provider sent them. Exceptions the openai client raises mid-stream keep
// openai-python's message (LiteLLM re-wraps them via exception_type). Chunks that are not JSON
// objects are skipped. Token estimates (tiktoken) are not reproduced: a count LiteLLM would
// estimate from non-empty text is left empty.
#include <map>
#include <optional>
#include <string>

#include "profiles/python_stream.hpp"
#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

namespace {

/// core_helpers.py _FINISH_REASON_MAP / map_finish_reason: provider reasons mapped to OpenAI's;
/// an unmapped one becomes "stop".
std::string map_finish_reason(std::string_view reason) {
  static const std::map<std::string_view, std::string_view> kMap = {
      {"stop_sequence", "stop"},
      {"end_turn", "stop"},
      {"max_tokens", "length"},
      {"tool_use", "tool_calls"},
      {"refusal", "content_filter"},
      {"compaction", "length"},
      {"COMPLETE", "stop"},
      {"ERROR_TOXIC", "content_filter"},
      {"ERROR", "stop"},
      {"eos_token", "stop"},
      {"eos", "stop"},
      {"STOP", "stop"},
      {"MAX_TOKENS", "length"},
      {"SAFETY", "content_filter"},
      {"RECITATION", "content_filter"},
      {"FINISH_REASON_UNSPECIFIED", "stop"},
      {"MALFORMED_FUNCTION_CALL", "stop"},
      {"LANGUAGE", "content_filter"},
      {"OTHER", "content_filter"},
      {"BLOCKLIST", "content_filter"},
      {"PROHIBITED_CONTENT", "content_filter"},
      {"SPII", "content_filter"},
      {"IMAGE_SAFETY", "content_filter"},
      {"IMAGE_PROHIBITED_CONTENT", "content_filter"},
      {"TOO_MANY_TOOL_CALLS", "stop"},
      {"MALFORMED_RESPONSE", "stop"},
      {"NO_IMAGE", "content_filter"},
      {"IMAGE_RECITATION", "content_filter"},
      {"IMAGE_OTHER", "content_filter"},
      {"ESCALATION", "content_filter"},
      {"UNEXPECTED_TOOL_CALL", "stop"},
      {"MISSING_THOUGHT_SIGNATURE", "stop"},
      {"network_error", "stop"},
      {"sensitive", "content_filter"},
      {"guardrail_intervened", "content_filter"},
      {"stop", "stop"},
      {"length", "length"},
      {"tool_calls", "tool_calls"},
      {"function_call", "function_call"},
      {"content_filter", "content_filter"},
      {"content_filtered", "content_filter"},
      {"error", "stop"},
  };
  const auto it = kMap.find(reason);
  return std::string(it == kMap.end() ? std::string_view("stop") : it->second);
}

class LiteLlmChatDecoder final : public PythonStreamDecoder {
  struct ToolCallEntry {
    std::optional<std::string> id, type, name;
    std::string arguments;
  };

private:
  // stream_chunk_builder: no chunks -> returns None (no response, nothing raised). The whole
  // builder runs inside `try`, and any exception becomes APIError(500, "Error building chunks for
  // logging/streaming usage calculation"): that is what
  // `role = chunk["choices"][0]["delta"]["role"]` of build_base_response does when the FIRST
  // chunk has no choices (Azure's prompt-filter chunk, a usage-only chunk).
  void on_end() override {
    if (chunks_ == 0)
      return;
    if (!first_has_choice_) {
      raise("litellm.APIError: Error building chunks for logging/streaming usage calculation");
      return;
    }
    built_ = true;
  }

  void fill(StreamResult &result) override {
    if (!built_)
      return;
    // One choice (index 0) whatever the stream's choices were: every choice's text lands in it.
    Choice c;
    c.index = 0;
    c.role = first_role_;
    c.text = content_;
    c.reasoning = reasoning_;
    // Refusals are not combined by the builder: c.refusal stays empty.
    // build_base_response: finish_reason starts as "stop" and takes choices[0].finish_reason of
    // every chunk that has choices, so the LAST such chunk decides; None there ends up as "stop"
    // (Choices() defaults it), anything else goes through map_finish_reason.
    c.finish_reason = last_finish_ ? map_finish_reason(*last_finish_) : std::string("stop");
    // get_combined_tool_content: by index (sorted), id/type/name overwritten when truthy,
    // arguments appended; only entries with both id and name are kept; empty arguments -> "{}".
    bool tool_output = false;
    int64_t position = 0;
    for (const auto &[index, t] : tool_calls_) {
      if (!t.id || !t.name)
        continue;
      ToolCall call;
      call.index = position++;
      call.id = t.id;
      call.type = t.type.value_or("function");
      call.name = t.name;
      call.arguments = t.arguments.empty() ? "{}" : t.arguments;
      c.tool_calls.push_back(std::move(call));
      tool_output = true;
    }
    result.choices.push_back(std::move(c));

    // calculate_usage: the last non-zero prompt_tokens and completion_tokens of any chunk; the
    // stream's total_tokens is ignored and recomputed as their sum. A count that never came
    // non-zero is estimated: prompt_tokens from `messages`, which the builder was not given, so
    // token_counter fails and it is 0; completion_tokens from the output text (0 when there is
    // none, a tokenizer count otherwise: left empty here, and the total with it).
    Usage u;
    u.prompt_tokens = prompt_tokens_;
    if (completion_tokens_ > 0)
      u.completion_tokens = completion_tokens_;
    else if (content_.empty() && !tool_output)
      u.completion_tokens = 0;
    if (u.completion_tokens)
      u.total_tokens = *u.prompt_tokens + *u.completion_tokens;
    // completion_tokens_details of the last chunk that had them; their reasoning_tokens, else the
    // builder's count of the reasoning text (0 without reasoning, a tokenizer count otherwise).
    if (details_reasoning_)
      u.reasoning_tokens = details_reasoning_;
    else if (reasoning_.empty())
      u.reasoning_tokens = 0;
    result.usage = u;
  }

  static const PyValue *delta_of(const PyValue &choice) {
    const PyValue *d = choice.get("delta");
    return d && d->is_dict() ? d : nullptr;
  }
  static bool present(const PyValue *dict, std::string_view key) {
    const PyValue *v = dict ? dict->get(key) : nullptr;
    return v && !v->is_none();
  }

  // `chunks = list(...)`: what the builder will take from each chunk the openai client yields.
  void on_item(const PyValue &chunk) override {
    if (!chunk.is_dict())
      return;
    const PyValue *choices = chunk.get("choices");
    const bool has_choice = choices && choices->is_list() && !choices->list.empty();
    if (chunks_++ == 0) {
      first_has_choice_ = has_choice;
      if (has_choice)
        if (const PyValue *delta = delta_of(choices->list[0]))
          if (const PyValue *role = delta->get("role"); role && role->is_str())
            first_role_ = role->string;
    }
    if (has_choice)
      collect_choices(choices->list);

    // _calculate_usage_per_chunk: a count replaces the stored one only when it is above zero.
    if (const PyValue *usage = chunk.get("usage"); usage && usage->is_dict()) {
      if (const PyValue *p = usage->get("prompt_tokens"); p && p->is_int() && p->as_int() > 0)
        prompt_tokens_ = p->as_int();
      if (const PyValue *c = usage->get("completion_tokens"); c && c->is_int() && c->as_int() > 0)
        completion_tokens_ = c->as_int();
      if (const PyValue *d = usage->get("completion_tokens_details"); d && d->is_dict()) {
        const PyValue *r = d->get("reasoning_tokens");
        details_reasoning_.reset();
        if (r && r->is_int())
          details_reasoning_ = r->as_int();
      }
    }
  }

  void collect_choices(const std::vector<PyValue> &choices) {
    const PyValue &first = choices[0];
    const PyValue *finish = first.get("finish_reason");
    last_finish_.reset();
    if (finish && finish->is_str() && !finish->string.empty())
      last_finish_ = finish->string;
    const PyValue *delta0 = delta_of(first);
    // The builder picks chunks by their FIRST choice's delta, then joins the field of every
    // choice of those chunks: with n > 1, all choices' text ends up in one string.
    const auto join = [&](std::string_view key, std::string &out) {
      if (!present(delta0, key))
        return;
      for (const PyValue &choice : choices)
        if (const PyValue *delta = delta_of(choice))
          if (const PyValue *v = delta->get(key); v && v->is_str())
            out += v->string;
    };
    join("content", content_);
    join("reasoning_content", reasoning_); // get_combined_reasoning_content: concatenated
    if (!present(delta0, "tool_calls"))
      return;
    for (const PyValue &choice : choices) {
      const PyValue *delta = delta_of(choice);
      const PyValue *calls = delta ? delta->get("tool_calls") : nullptr;
      if (!calls || !calls->is_list())
        continue;
      for (const PyValue &call : calls->list) {
        if (!call.is_dict() || !call.truthy())
          continue;
        const PyValue *fn = call.get("function");
        if (!fn || fn->is_none())
          continue;
        const PyValue *index = call.get("index");
        ToolCallEntry &t = tool_calls_[index && index->is_int() ? index->as_int() : 0];
        const auto take = [](const PyValue *v, std::optional<std::string> &slot) {
          if (v && v->is_str() && !v->string.empty())
            slot = v->string;
        };
        take(call.get("id"), t.id);
        take(call.get("type"), t.type);
        take(fn->get("name"), t.name);
        if (const PyValue *args = fn->get("arguments"); args && args->is_str())
          t.arguments += args->string;
      }
    }
  }

  uint64_t chunks_ = 0;
  bool first_has_choice_ = false;
  bool built_ = false;
  std::optional<std::string> first_role_;
  std::optional<std::string> last_finish_;
  std::string content_;
  std::string reasoning_;
  std::map<int64_t, ToolCallEntry> tool_calls_;
  int64_t prompt_tokens_ = 0;
  int64_t completion_tokens_ = 0;
  std::optional<int64_t> details_reasoning_;
};

} // namespace

pipeline::Implementation litellm_profile() {
  return {
      "litellm",
      pipeline::Kind::profile,
      "LiteLLM stream_chunk_builder over openai-python's stream: role from the first chunk, "
      "finish_reason of the last chunk with choices (default stop), usage total recomputed",
      "BerriAI/litellm litellm/main.py (stream_chunk_builder); "
      "litellm/litellm_core_utils/streaming_chunk_builder_utils.py (ChunkProcessor); "
      "litellm/litellm_core_utils/core_helpers.py (map_finish_reason); openai/openai-python "
      "src/openai/_streaming.py (SSEDecoder, Stream)",
      make_python_parser,
      chat_only<LiteLlmChatDecoder>,
      true, // drops_unterminated_event: no SDK dispatches an event without its blank line
  };
}

} // namespace harness::profiles

#include "dialect/gemini/candidates.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "dialect/chat/findings.hpp"
#include "dialect/common/json_payload.hpp"
#include "rules/catalog.hpp"

namespace harness::gemini {

namespace {

using dialect::add_finding;
using dialect::member;
using dialect::type_name;

// google-genai types.FinishReason / the API reference's FinishReason enum.
constexpr std::array<std::string_view, 19> kFinishReasons{"FINISH_REASON_UNSPECIFIED",
                                                          "STOP",
                                                          "MAX_TOKENS",
                                                          "SAFETY",
                                                          "RECITATION",
                                                          "LANGUAGE",
                                                          "OTHER",
                                                          "BLOCKLIST",
                                                          "PROHIBITED_CONTENT",
                                                          "SPII",
                                                          "MALFORMED_FUNCTION_CALL",
                                                          "IMAGE_SAFETY",
                                                          "IMAGE_PROHIBITED_CONTENT",
                                                          "IMAGE_OTHER",
                                                          "NO_IMAGE",
                                                          "IMAGE_RECITATION",
                                                          "UNEXPECTED_TOOL_CALL",
                                                          "TOO_MANY_TOOL_CALLS",
                                                          "MISSING_THOUGHT_SIGNATURE"};

// The reasons that say a content policy withheld or cut the answer.
constexpr std::array<std::string_view, 8> kPolicyStops{"SAFETY",
                                                       "RECITATION",
                                                       "BLOCKLIST",
                                                       "PROHIBITED_CONTENT",
                                                       "SPII",
                                                       "IMAGE_SAFETY",
                                                       "IMAGE_PROHIBITED_CONTENT",
                                                       "IMAGE_RECITATION"};

// Part data fields that show nothing in a text answer.
constexpr std::array<std::string_view, 6> kQuietParts{
    "functionResponse", "inlineData",          "fileData",
    "executableCode",   "codeExecutionResult", "thoughtSignature"};

template <size_t N> bool listed(const std::array<std::string_view, N> &list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

void malformed(StreamResult &result, const sse::Event &event, std::string message) {
  add_finding(result, rules::gemini_malformed_chunk, event, std::move(message));
}

} // namespace

void Candidates::take(const rapidjson::Value &candidates, const sse::Event &event) {
  if (!candidates.IsArray()) {
    malformed(result_, event,
              "candidates is " + std::string(type_name(candidates)) + ", not an array; ignored");
    return;
  }
  int64_t position = 0;
  for (const rapidjson::Value &c : candidates.GetArray())
    candidate(c, position++, event);
}

bool Candidates::settle(uint64_t offset, uint64_t event) {
  bool all = true;
  for (const Choice &c : result_.choices) {
    if (c.finish_reason)
      continue;
    all = false;
    result_.findings.push_back(
        rules::make_finding(rules::gemini_finish_reason_missing, offset, event,
                            "candidate " + std::to_string(c.index) + " never sent a finishReason"));
  }
  return all;
}

void Candidates::candidate(const rapidjson::Value &candidate, int64_t position,
                           const sse::Event &event) {
  if (!candidate.IsObject()) {
    malformed(result_, event,
              "candidate " + std::to_string(position) + " is " + std::string(type_name(candidate)) +
                  ", not an object; ignored");
    return;
  }
  int64_t index = 0;
  if (const rapidjson::Value *i = member(candidate, "index")) {
    if (i->IsInt64() && i->GetInt64() >= 0) {
      index = i->GetInt64();
    } else {
      index = position;
      malformed(result_, event,
                "a candidate's index is " + std::string(type_name(*i)) +
                    ", not a non-negative integer; its position " + std::to_string(position) +
                    " is used");
    }
  }
  auto [choice, state] = at(index);
  if (const rapidjson::Value *content = member(candidate, "content")) {
    if (!content->IsObject()) {
      malformed(result_, event,
                "candidate " + std::to_string(index) + "'s content is " +
                    std::string(type_name(*content)) + ", not an object; ignored");
    } else {
      if (const auto role = dialect::string_member(*content, "role"); role && !role->empty())
        if (!choice->role)
          choice->role.emplace(*role);
      if (const rapidjson::Value *p = member(*content, "parts"))
        parts(*p, *choice, *state, event);
    }
  }
  if (const rapidjson::Value *reason = member(candidate, "finishReason"))
    finish_reason(*reason, *choice, event);
}

void Candidates::parts(const rapidjson::Value &parts, Choice &choice, State &state,
                       const sse::Event &event) {
  if (!parts.IsArray()) {
    malformed(result_, event,
              "candidate " + std::to_string(choice.index) + "'s parts is " +
                  std::string(type_name(parts)) + ", not an array; ignored");
    return;
  }
  if (choice.finish_reason && !parts.Empty())
    add_finding(result_, rules::gemini_content_after_finish, event,
                "candidate " + std::to_string(choice.index) + " sends parts after finishReason " +
                    chat::quoted(*choice.finish_reason) + "; appended");
  for (const rapidjson::Value &p : parts.GetArray())
    part(p, choice, state, event);
}

void Candidates::part(const rapidjson::Value &part, Choice &choice, State &state,
                      const sse::Event &event) {
  if (!part.IsObject()) {
    malformed(result_, event,
              "a part of candidate " + std::to_string(choice.index) + " is " +
                  std::string(type_name(part)) + ", not an object; ignored");
    return;
  }
  if (const rapidjson::Value *text = member(part, "text")) {
    if (!text->IsString()) {
      malformed(result_, event,
                "a part's text is " + std::string(type_name(*text)) + ", not a string; ignored");
      return;
    }
    const rapidjson::Value *thought = member(part, "thought");
    std::string &into = thought != nullptr && thought->IsTrue() ? choice.reasoning : choice.text;
    into.append(text->GetString(), text->GetStringLength());
    return;
  }
  if (const rapidjson::Value *call = member(part, "functionCall")) {
    function_call(*call, choice, state, event);
    return;
  }
  for (auto it = part.MemberBegin(); it != part.MemberEnd(); ++it)
    if (listed(kQuietParts, dialect::view(it->name)))
      return;
  add_finding(result_, rules::gemini_unknown_part, event,
              "a part of candidate " + std::to_string(choice.index) +
                  " with no data field the decoder knows; ignored");
}

void Candidates::function_call(const rapidjson::Value &call, Choice &choice, State &state,
                               const sse::Event &event) {
  const auto name = call.IsObject() ? dialect::string_member(call, "name") : std::nullopt;
  if (!name) {
    malformed(result_, event,
              call.IsObject()
                  ? std::string("a functionCall without a string name; ignored")
                  : "functionCall is " + std::string(type_name(call)) + ", not an object; ignored");
    return;
  }
  ToolCall tc;
  tc.index = state.function_calls++;
  if (const auto id = dialect::string_member(call, "id"))
    tc.id.emplace(*id);
  tc.type.emplace("function");
  tc.name.emplace(*name);
  if (const rapidjson::Value *args = member(call, "args")) {
    if (args->IsObject())
      tc.arguments = dialect::compact_json(*args);
    else
      malformed(result_, event,
                "functionCall " + chat::quoted(*name) + "'s args is " +
                    std::string(type_name(*args)) + ", not an object; no arguments kept");
  }
  choice.tool_calls.push_back(std::move(tc));
}

void Candidates::finish_reason(const rapidjson::Value &reason, Choice &choice,
                               const sse::Event &event) {
  if (reason.IsNull())
    return;
  if (!reason.IsString()) {
    malformed(result_, event,
              "candidate " + std::to_string(choice.index) + "'s finishReason is " +
                  std::string(type_name(reason)) + ", not a string; ignored");
    return;
  }
  const std::string_view r = dialect::view(reason);
  if (r.empty())
    return;
  if (choice.finish_reason) {
    if (*choice.finish_reason != r)
      add_finding(result_, rules::gemini_finish_reason_changed, event,
                  "finishReason " + chat::quoted(r) + " after " +
                      chat::quoted(*choice.finish_reason) + "; the first is kept");
    return;
  }
  choice.finish_reason.emplace(r);
  if (listed(kPolicyStops, r))
    add_finding(result_, rules::gemini_safety_stop, event,
                "candidate " + std::to_string(choice.index) + " stopped with finishReason " +
                    chat::quoted(r));
  else if (!listed(kFinishReasons, r))
    add_finding(result_, rules::gemini_unknown_finish_reason, event,
                "finishReason " + chat::quoted(r) + " is not one the API documents; kept as sent");
}

std::pair<Choice *, Candidates::State *> Candidates::at(int64_t index) {
  auto it = std::lower_bound(states_.begin(), states_.end(), index,
                             [](const State &s, int64_t i) { return s.index < i; });
  const auto k = it - states_.begin();
  if (it == states_.end() || it->index != index) {
    states_.insert(it, State{index, 0});
    Choice c;
    c.index = index;
    result_.choices.insert(result_.choices.begin() + k, std::move(c));
  }
  return {&result_.choices[static_cast<size_t>(k)], &states_[static_cast<size_t>(k)]};
}

} // namespace harness::gemini

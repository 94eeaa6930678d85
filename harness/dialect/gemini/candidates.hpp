#pragma once
// The candidates of one Gemini response, and what each chunk's candidate adds to its choice.
//
// A candidate is an object (else gemini.malformed-chunk, ignored). Its choice is the one with the
// candidate's integer "index"; an absent index is 0 (the API writes proto3 JSON, which omits a
// field holding its default, so candidate 0 often comes without one); an index that is not a
// non-negative integer is gemini.malformed-chunk and the candidate's position in the array is used.
//   content.role            the choice's role, the first non-empty one kept ("model" as sent)
//   content.parts[]         in order, each an object (else gemini.malformed-chunk):
//       text                appended to choice.text, or to choice.reasoning when "thought" is true
//       functionCall        a new tool call: index = its position among the candidate's function
//                           calls, id = functionCall.id (Gemini 3 sends one), type "function",
//                           name (required: without a string name the part is
//                           gemini.malformed-chunk), arguments = the compact JSON of "args" (an
//                           object; "" when absent, gemini.malformed-chunk when another type).
//                           Gemini sends each call whole in one part, never in fragments
//       functionResponse, inlineData, fileData, executableCode, codeExecutionResult,
//       thoughtSignature alone  nothing to show
//       anything else       gemini.unknown-part
//     Parts of a candidate that already sent its finishReason: gemini.content-after-finish
//     (once per chunk), still applied.
//   finishReason            a string: the first non-empty one is the finish_reason, kept as sent
//                           (STOP, MAX_TOKENS, SAFETY, ...: not translated to OpenAI's names); a
//                           different later one is gemini.finish-reason-changed. A content policy
//                           stop is gemini.safety-stop, a reason the API does not document
//                           gemini.unknown-finish-reason. null is "not yet".
// Choices stay ordered by index.
#include <cstdint>
#include <vector>

#include "core/stream_result.hpp"
#include "sse/parser.hpp"
#include "json/rapidjson.hpp"

namespace harness::gemini {

class Candidates {
public:
  /// Findings go to `result`, which must outlive this object.
  explicit Candidates(StreamResult &result) : result_(result) {}

  /// The chunk's "candidates" value.
  void take(const rapidjson::Value &candidates, const sse::Event &event);

  /// Whether at least one candidate came.
  bool any() const { return !states_.empty(); }
  /// End of stream: gemini.finish-reason-missing at (`offset`, `event`) for each candidate that
  /// never sent a finishReason; true when every candidate sent one.
  bool settle(uint64_t offset, uint64_t event);

private:
  struct State {
    int64_t index = 0;
    int64_t function_calls = 0;
  };

  void candidate(const rapidjson::Value &candidate, int64_t position, const sse::Event &event);
  void parts(const rapidjson::Value &parts, Choice &choice, State &state, const sse::Event &event);
  void part(const rapidjson::Value &part, Choice &choice, State &state, const sse::Event &event);
  void function_call(const rapidjson::Value &call, Choice &choice, State &state,
                     const sse::Event &event);
  void finish_reason(const rapidjson::Value &reason, Choice &choice, const sse::Event &event);
  /// The choice and state for `index`, made in index order on first use.
  std::pair<Choice *, State *> at(int64_t index);

  StreamResult &result_;
  std::vector<State> states_; ///< parallel to result_.choices
};

} // namespace harness::gemini

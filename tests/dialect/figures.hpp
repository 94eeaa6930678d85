#pragma once
// What a test expects of a decoded Anthropic Messages or Responses API stream (these decoders make
// exactly one choice), and the doctest checks of a result against it. A figure left out expects
// its default: done, no findings, no errors, no role, empty texts, no finish_reason, no tool
// calls, no usage.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/stream_result.hpp"
#include "dialect/dialect_support.hpp"

namespace dialect_test {

/// A reassembled text: all of it, or for a long one its size and both ends.
struct Text {
  std::string head;               ///< the whole text; with `size`, how it starts
  std::optional<size_t> size = {}; ///< set: the text has this many bytes and ends with `tail`
  std::string tail = {};
};

/// An error the producer reported: where it came from and how its message starts.
struct ErrorFigure {
  std::string source; ///< "payload" or "event"
  uint64_t event = 0;
  std::string message_head;
};

struct Figures {
  uint64_t events = 0;
  bool done = true;
  Counts rules = {}; ///< rule_counts of the result; empty: no findings
  std::vector<ErrorFigure> errors = {};
  std::optional<std::string> role = {};
  Text text = {};
  std::string reasoning = {};
  std::string refusal = {};
  std::optional<std::string> finish_reason = {};
  std::vector<harness::ToolCall> tool_calls = {};
  std::optional<harness::Usage> usage = {};
};

/// Doctest-checks a choice's tool calls: REQUIREs their number, then CHECKs each in turn.
void check_tool_calls(const harness::Choice &c, const std::vector<harness::ToolCall> &expected);

/// Doctest-checks every figure of `r` against `expected`, the choice's index being 0. The numbers
/// of errors, choices (1) and tool calls are REQUIREd before their members are looked at.
void check_figures(const harness::StreamResult &r, const Figures &expected);

} // namespace dialect_test

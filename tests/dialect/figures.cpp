#include "dialect/figures.hpp"

#include <doctest/doctest.h>

namespace dialect_test {

namespace {

void check_text(const std::string &text, const Text &expected) {
  if (!expected.size) {
    CHECK(text == expected.head);
    return;
  }
  CHECK(text.size() == *expected.size);
  CHECK(text.starts_with(expected.head));
  CHECK(text.ends_with(expected.tail));
}

} // namespace

void check_tool_calls(const harness::Choice &c, const std::vector<harness::ToolCall> &expected) {
  REQUIRE(c.tool_calls.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i)
    CHECK(c.tool_calls[i] == expected[i]);
}

void check_figures(const harness::StreamResult &r, const Figures &expected) {
  CHECK(r.events == expected.events);
  CHECK(r.done == expected.done);
  CHECK(rule_counts(r) == expected.rules);
  REQUIRE(r.errors.size() == expected.errors.size());
  for (size_t i = 0; i < r.errors.size(); ++i) {
    CHECK(r.errors[i].source == expected.errors[i].source);
    CHECK(r.errors[i].event == expected.errors[i].event);
    CHECK(r.errors[i].message.starts_with(expected.errors[i].message_head));
  }
  REQUIRE(r.choices.size() == 1);
  const harness::Choice &c = r.choices[0];
  CHECK(c.index == 0);
  CHECK(c.role == expected.role);
  check_text(c.text, expected.text);
  CHECK(c.reasoning == expected.reasoning);
  CHECK(c.refusal == expected.refusal);
  CHECK(c.finish_reason == expected.finish_reason);
  check_tool_calls(c, expected.tool_calls);
  CHECK(r.usage == expected.usage);
}

} // namespace dialect_test

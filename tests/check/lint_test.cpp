// check.lint.*: findings ordered by offset, severities counted, bytes after [DONE].
#include <doctest/doctest.h>

#include <string>

#include "check/lint.hpp"

TEST_CASE("check.lint.bytes-after-done") {
  const std::string s = "data: {\"choices\":[]}\n\ndata: [DONE]\n\ngarbage\n";
  const auto r = harness::check::lint(s, "openai-chat");
  bool found = false;
  for (const auto &f : r.findings)
    if (f.rule == "sse.bytes-after-done") {
      found = true;
      CHECK(f.offset == s.find("garbage"));
    }
  CHECK(found);
  const auto clean = harness::check::lint("data: {\"choices\":[]}\n\ndata: [DONE]\n\n\n", "openai-chat");
  for (const auto &f : clean.findings)
    CHECK(f.rule != "sse.bytes-after-done");
}

TEST_CASE("check.lint.sorted-and-counted") {
  const std::string s = "data: {\"choices\":[]}\ndata:\n{\"choices\":[]}\n\ndata: [DONE]";
  const auto r = harness::check::lint(s, "openai-chat");
  REQUIRE_FALSE(r.findings.empty());
  uint64_t errors = 0, warnings = 0, infos = 0;
  for (size_t i = 0; i < r.findings.size(); ++i) {
    if (i)
      CHECK(r.findings[i - 1].offset <= r.findings[i].offset);
    const auto sev = r.findings[i].severity;
    ++(sev == harness::Severity::error ? errors : sev == harness::Severity::warning ? warnings : infos);
  }
  CHECK(r.errors == errors);
  CHECK(r.warnings == warnings);
  CHECK(r.infos == infos);
  CHECK(r.errors >= 3); // blank line missing, payload on next line, unterminated [DONE]
}

// report.markdown.*: the Markdown summary of a Run made by hand: the verdict line, the counts
// table, the matrix or the per-implementation counts, the not-ok listing in order, escaping for
// table cells, HTML and fenced blocks, and the caps (50 entries, kMarkdownMaxBytes) on a run with
// 5,000 entries that are not ok.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "report/markdown.hpp"
#include "report/printable.hpp"
#include "report/sample_run.hpp"

using harness::Outcome;
using harness::report::kMarkdownMaxBytes;
using harness::report::to_markdown;
using namespace harness::test;

namespace {

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out.push_back(text.substr(from, nl - from));
    from = nl + 1;
  }
  if (from < text.size())
    out.push_back(text.substr(from));
  return out;
}

size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

/// Pipes that split a GFM table row: those not escaped by a backslash.
size_t cell_pipes(const std::string &line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\')
      ++i;
    else if (line[i] == '|')
      ++n;
  }
  return n;
}

/// Every table (a block of lines starting with '|') has the same number of cells in every row.
void check_tables(const std::string &md) {
  size_t header = 0;
  for (const auto &line : lines_of(md)) {
    if (line.empty() || line[0] != '|') {
      header = 0;
      continue;
    }
    if (header == 0)
      header = cell_pipes(line);
    CAPTURE(line);
    CHECK(cell_pipes(line) == header);
  }
}

harness::report::Run passing_run() {
  auto run = sample_run();
  std::vector<harness::report::Entry> kept;
  for (auto &e : run.entries)
    if (!run.fail_on.count(e.outcome))
      kept.push_back(e);
  run.entries = kept;
  return run;
}

} // namespace

TEST_CASE("report.markdown.verdict line for failing and passing runs") {
  const auto failing = lines_of(to_markdown(sample_run()));
  REQUIRE_FALSE(failing.empty());
  CHECK(failing[0] == "## sse-harness check: ❌ failing: 2 failed, 1 error, 1 disputed");

  const auto passing = lines_of(to_markdown(passing_run()));
  CHECK(passing[0] ==
        "## sse-harness check: ✅ passed (1 deviation, 1 non-strict, 1 informational)");

  harness::report::Run empty;
  empty.command = "clients run";
  empty.fail_on = harness::report::default_fail_on();
  CHECK(lines_of(to_markdown(empty))[0] ==
        "## sse-harness clients run: ✅ passed (nothing was checked)");

  // The same run fails once deviations are in fail_on.
  auto strict = passing_run();
  strict.fail_on.insert(Outcome::deviation);
  CHECK(lines_of(to_markdown(strict))[0] == "## sse-harness check: ❌ failing: 1 deviation");
}

TEST_CASE("report.markdown.coverage and the counts table") {
  auto run = sample_run();
  run.shard = "2/3";
  const std::string md = to_markdown(run);
  CHECK(md.find("- **Covered:** 2 cases x 3 implementations\n") != std::string::npos);
  CHECK(md.find("- **Shard:** 2/3") != std::string::npos);
  CHECK(md.find("- **Fails on:** disputed, failed, error\n") != std::string::npos);
  CHECK(md.find("- **Time:** 1.5 s, started 2026-12-03T18:42:05Z\n") != std::string::npos);
  CHECK(md.find("| class | entries | fails the run |\n| --- | ---: | :---: |\n"
                "| ✅ ok | 1 |  |\n| 🔧 non-strict | 1 |  |\n| ℹ️ informational | 1 |  |\n"
                "| 📋 deviation | 1 |  |\n| ❓ disputed | 1 | yes |\n| ❌ failed | 2 | yes |\n"
                "| 💥 error | 1 | yes |\n") != std::string::npos);
  check_tables(md);
}

TEST_CASE("report.markdown.matrix for a small run, pipes in case ids escaped") {
  const std::string md = to_markdown(sample_run());
  CHECK(md.find("| case | p1 | p2 | curl |\n| --- | :---: | :---: | :---: |\n") !=
        std::string::npos);
  CHECK(md.find("| prov/a.b\\|c | ❌ | ❓ | 💥 |\n") != std::string::npos);
  CHECK(md.find("| prov/plain | ✅ | ℹ️ | · |\n") != std::string::npos);
  // The run-level entry is in no row or column, but counted below the matrix.
  CHECK(md.find("| deviations.json |") == std::string::npos);
  CHECK(md.find("Also about the run itself (deviations.json): ❌ 1 failed\n") != std::string::npos);
  CHECK(md.find(
            "Legend: ✅ ok, 🔧 non-strict, ℹ️ informational, 📋 deviation, ❓ disputed, "
            "❌ failed, 💥 error, · not run.") != std::string::npos);
  CHECK(md.find("| implementation | kind |") == std::string::npos);
  check_tables(md);
}

TEST_CASE("report.markdown.not-ok entries grouped by class, fail_on classes first") {
  const std::string md = to_markdown(sample_run());
  const size_t failed = md.find("#### ❌ failed (2)");
  const size_t error = md.find("#### 💥 error (1)");
  const size_t disputed = md.find("#### ❓ disputed (1)");
  const size_t deviation = md.find("#### 📋 deviation (1)");
  const size_t non_strict = md.find("#### 🔧 non-strict (1)");
  REQUIRE(failed != std::string::npos);
  CHECK(failed < error);
  CHECK(error < disputed);
  CHECK(disputed < deviation);
  CHECK(deviation < non_strict);
  CHECK(md.find("#### ✅") == std::string::npos);
  CHECK(md.find("### Entries that are not ok (7)") != std::string::npos);
  CHECK(count(md, "<details>") == 7);
  CHECK(count(md, "</details>") == 7);
  // case · impl · variant, as HTML (the summary is not read as Markdown).
  CHECK(md.find("<details><summary>📋 <code>prov/a.b|c</code> · <code>p1</code> · "
                "<code>crlf</code></summary>\n\nKnown deviation: drops the \\<last\\> event \\& "
                "says so\n\n") != std::string::npos);
  CHECK(md.find("<summary>💥 <code>prov/a.b|c</code> · <code>curl</code> · "
                "<code>cut-events:2</code></summary>\n\nreceived 3 events\n\n```text\n"
                "[cut-events:2] error\ncurl hung\nkilled after 10 s\n```\n") != std::string::npos);
  CHECK(md.find("<summary>❌ <code>deviations.json</code> · <code>p2</code></summary>") !=
        std::string::npos);
  // Only the parts that are not ok, each named.
  CHECK(md.find("```text\n[bytes:7] failed\nchoice 0 text differs\ngot \\x01\\x1f\\x7f bad \\xff "
                "\\xc3( \\xed\\xa0\\x80 nc \\uFFFE <b> & \"q\" 'a' ]]> | `x` end\n"
                "[every] informational\nskipped: too big\n```\n") != std::string::npos);
}

TEST_CASE("report.markdown.escaping: HTML in summaries, markup in cells, backticks in blocks") {
  auto run = sample_run();
  run.cases[1].id = "x<y>&z*_`|";
  for (auto &e : run.entries)
    if (e.case_id == "prov/plain")
      e.case_id = run.cases[1].id;
  run.entries[0].parts[1].lines = {"a ```` b", "line\nwith a break"};
  const std::string md = to_markdown(run);
  CHECK(md.find("| x\\<y\\>\\&z\\*\\_\\`\\| | ✅ | ℹ️ | · |\n") != std::string::npos);
  CHECK(md.find("<code>x&lt;y&gt;&amp;z*_`|</code>") != std::string::npos);
  CHECK(md.find("`````text\n[bytes:7] failed\na ```` b\nline\\nwith a break\n") !=
        std::string::npos);
  CHECK(harness::report::printable(md, true) == md); // valid UTF-8, no control bytes
  check_tables(md);
}

TEST_CASE("report.markdown.links in a deviation's reasons stay links") {
  auto run = sample_run();
  run.entries[2].reason = "drops it_all (https://example.org/a_b/c.py#L1), see http://x.test/y.";
  const std::string md = to_markdown(run);
  CHECK(md.find("Known deviation: drops it\\_all (<https://example.org/a_b/c.py#L1>), see "
                "<http://x.test/y>.\n") != std::string::npos);
}

TEST_CASE("report.markdown.caps: 5,000 not-ok entries stay within 50 listed and the size bound") {
  harness::report::Run run;
  run.command = "check";
  run.fail_on = harness::report::default_fail_on();
  const std::string long_line(250, 'x');
  for (size_t i = 0; i < 5000; ++i) {
    const std::string id = "prov/case-" + std::to_string(i);
    run.cases.push_back({});
    run.cases.back().id = id;
    run.entries.push_back(entry(id, "p1", "parser", "",
                                {part("whole", i % 10 == 0 ? Outcome::error : Outcome::failed,
                                      {long_line, long_line, long_line})}));
  }
  run.implementations = {"p1"};
  run.kinds = {"parser"};

  SUBCASE("listing capped at 50, the rest counted") {
    const std::string md = to_markdown(run);
    CHECK(md.size() <= kMarkdownMaxBytes);
    CHECK(count(md, "<details>") == 50);
    CHECK(md.find("### Entries that are not ok (5000)") != std::string::npos);
    CHECK(md.find("… and 4950 more (4450 failed, 500 error); the JUnit and JSON reports list "
                  "every entry.") != std::string::npos);
    // 5,000 cases: no matrix, counts per implementation instead.
    CHECK(md.find("| case |") == std::string::npos);
    CHECK(md.find("| p1 | parser | 0 | 0 | 0 | 0 | 0 | 4500 | 500 |\n") != std::string::npos);
    check_tables(md);
  }
  SUBCASE("the size bound holds for huge ids, lines and implementation lists") {
    const std::string huge(5000, 'y');
    for (size_t i = 0; i < run.entries.size(); ++i) {
      run.entries[i].impl = "impl-" + std::to_string(i) + "-" + std::string(150, 'z');
      run.entries[i].case_id += huge;
      run.entries[i].parts[0].lines.assign(3, huge + "|`");
      run.implementations.push_back(run.entries[i].impl);
      run.kinds.push_back("parser");
    }
    const std::string md = to_markdown(run);
    CHECK(md.size() <= kMarkdownMaxBytes);
    CHECK(count(md, "<details>") <= 50);
    CHECK(md.find("more implementations") != std::string::npos);
    CHECK(md.find("… and ") != std::string::npos);
    CHECK(harness::report::printable(md, true) == md);
    check_tables(md);
  }
}

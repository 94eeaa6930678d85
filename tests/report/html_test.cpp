// report.html.*: the HTML report is one self-contained page whose embedded report document parses,
// equals report::to_document(run, true), and cannot end its script element early. What the page
// shows is checked in a real browser by html_browser.mjs (meson test report-html-browser).
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "json/rapidjson.hpp"
#include "report/html.hpp"
#include "report/report_json.hpp"

namespace {

using harness::Finding;
using harness::Outcome;
using harness::Severity;
using namespace harness::report;

constexpr std::string_view kDataOpen = "<script type=\"application/json\" id=\"report-data\">";

std::shared_ptr<const rapidjson::Document> json(const char *text) {
  auto d = std::make_shared<rapidjson::Document>();
  d->Parse(text);
  REQUIRE_FALSE(d->HasParseError());
  return d;
}

/// Two cases x two parsers, every kind of byte a stream view has to show, a deviation with a
/// difference, a stale deviation outside the matrix, and text that would end a script element.
Run sample_run() {
  Run run;
  run.command = "check";
  run.started = "2026-12-03T18:42:05Z";
  run.seconds = 1.5;
  run.implementations = {"whatwg", "tolerant"};
  run.kinds = {"parser", "parser"};
  run.fail_on = default_fail_on();
  run.totals = "2 cases x 2 implementations";

  CaseInfo a;
  a.id = "demo/crlf-bom";
  a.title = "ends a script early? </script><!--<script>";
  a.why = "A stream with a BOM, CRLF, a NUL and the text </script> inside a payload.";
  a.dialect = "openai-chat";
  a.file = "corpus/streams/demo/crlf-bom/stream.sse";
  a.tags = {"quirk:crlf", "quirk:bom"};
  a.stream = "\xEF\xBB\xBF";
  a.stream += "data: {\"x\":\"</script>\"}\r\n\r\n";
  const uint64_t second = a.stream.size();
  a.stream += "data: [DONE]\r\n\r\n";
  a.stream.push_back('\0');
  a.event_starts = {3, second};
  a.timing = {{0, 12500}, {20, 40250}};
  a.findings = {Finding{"sse.cr-line-ends", Severity::info, 28, 0, "CRLF line ends"}};
  CaseInfo b = a;
  b.id = "demo/plain";
  b.title = "plain";
  b.stream = "data: {}\n\n";
  b.event_starts = {0};
  b.timing.clear();
  b.findings.clear();
  run.cases = {a, b};

  Entry e;
  e.case_id = a.id;
  e.impl = "whatwg";
  e.kind = "parser";
  e.outcome = Outcome::deviation;
  e.parts = {Part{"whole", Outcome::deviation, {"choices[0].text: expected \"a\" got \"b\""}}};
  e.reason = "listed in corpus/deviations.json, see https://example.com/issue";
  e.expected = json(R"({"choices":[{"text":"a"}]})");
  e.actual = json(R"({"done":true,"choices":[{"text":"b </script>"}]})");
  e.findings = a.findings;
  run.entries.push_back(e);
  e.impl = "tolerant";
  e.outcome = Outcome::ok;
  e.parts = {Part{"whole", Outcome::ok, {}}, Part{"bytes:1", Outcome::ok, {}}};
  e.reason.clear();
  run.entries.push_back(e);
  e.variant = "crlf";
  e.outcome = Outcome::non_strict;
  e.parts = {Part{"crlf", Outcome::non_strict, {}}};
  run.entries.push_back(e);
  for (const auto &impl : run.implementations) {
    Entry p;
    p.case_id = b.id;
    p.impl = impl;
    p.kind = "parser";
    p.parts = {Part{"whole", Outcome::ok, {}}};
    run.entries.push_back(p);
  }
  Entry stale;
  stale.impl = "whatwg";
  stale.kind = "deviations";
  stale.outcome = Outcome::failed;
  stale.parts = {Part{"whole", Outcome::failed, {"a listed deviation no longer happens"}}};
  run.entries.push_back(stale);
  return run;
}

/// The text inside the report-data script element.
std::string_view embedded(std::string_view html) {
  const size_t open = html.find(kDataOpen);
  REQUIRE(open != std::string_view::npos);
  const size_t from = open + kDataOpen.size();
  const size_t close = html.find("</script>", from);
  REQUIRE(close != std::string_view::npos);
  return html.substr(from, close - from);
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3
                                  : b >= 0xF0 && b <= 0xF4  ? 4 : 0;
    if (len == 0 || i + len > s.size())
      return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
        return false;
    i += len;
  }
  return true;
}

size_t occurrences(std::string_view s, std::string_view what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + 1))
    ++n;
  return n;
}

} // namespace

TEST_CASE("report.html.self-contained") {
  const std::string html = to_html(sample_run());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(occurrences(html, kDataOpen) == 1);
  // The page fetches nothing: no stylesheet links, no script or image sources, no remote URL
  // outside the data (the reason's link is text inside the JSON, never an attribute).
  const std::string_view data = embedded(html);
  std::string page = html;
  page.erase(page.find(data), data.size());
  for (const char *bad : {"http://", "https://", "<link", "src=", "@import", "url("}) {
    CAPTURE(bad);
    CHECK(page.find(bad) == std::string::npos);
  }
  CHECK(data.find("https://example.com/issue") != std::string_view::npos);
  // every script element is inline
  for (size_t at = html.find("<script"); at != std::string::npos; at = html.find("<script", at + 1)) {
    const auto tag = html.substr(at, html.find('>', at) - at);
    CAPTURE(tag);
    CHECK(tag.find("src") == std::string::npos);
  }
  CHECK(page.find("@REPORT_DATA@") == std::string::npos);
}

TEST_CASE("report.html.script-end-escaped") {
  const std::string html = to_html(sample_run());
  const std::string_view data = embedded(html);
  // The title and the actual result hold "</script>" and "<!--<script>": neither may appear raw,
  // so the element ends where the page ends it.
  CHECK(data.find("</") == std::string_view::npos);
  CHECK(data.find("<!--") == std::string_view::npos);
  CHECK(data.find("<\\/script>") != std::string_view::npos);
  CHECK(data.find("\\u003c!--") != std::string_view::npos);
  // Outside the data, the page's own elements: each script opened is closed ("<script" alone in
  // the data is harmless once "<!--" cannot start an escaped section).
  std::string page = html;
  page.erase(page.find(data), data.size());
  CHECK(occurrences(page, "</script>") == occurrences(page, "<script"));
  CHECK(occurrences(html, "</script>") == occurrences(page, "</script>"));
}

TEST_CASE("report.html.data-round-trips") {
  const Run run = sample_run();
  const std::string html = to_html(run);
  const std::string data(embedded(html));
  rapidjson::Document parsed;
  parsed.Parse<harness::json::kParseFlags>(data.c_str(), data.size());
  REQUIRE_FALSE(parsed.HasParseError());
  const auto expected = to_document(run, /*streams=*/true);
  CHECK(parsed == expected);

  const auto n = count(run);
  for (const auto o : harness::kOutcomes) {
    const std::string name(harness::to_string(o));
    CAPTURE(name);
    CHECK(parsed["counts"][name.c_str()].GetUint64() == n[static_cast<size_t>(o)]);
  }
  CHECK(parsed["cases"].Size() == 2);
  CHECK(parsed["entries"].Size() == run.entries.size());
  CHECK(parsed["implementations"].Size() == 2);
  CHECK(parsed["failing"].GetBool());
  CHECK(std::string(parsed["cases"][0]["title"].GetString()) == run.cases[0].title);
  CHECK(parsed["cases"][0].HasMember("stream_base64"));
  CHECK(parsed["cases"][0]["timing"].Size() == 2);
  CHECK(parsed["cases"][0]["timing"][1]["ms"].GetDouble() == 40.25);
}

TEST_CASE("report.html.invalid-utf8-replaced") {
  // A difference line cut inside a character (describe_string_difference cuts by bytes) must not
  // make the page invalid UTF-8 or its JSON unparsable; the stream itself stays byte-exact.
  Run run = sample_run();
  run.entries[0].parts[0].lines = {std::string("expected \"\xC3\" got \"\xFF\"")};
  run.cases[1].stream = std::string("data: \xFF\xC3\n\n");
  const std::string html = to_html(run);
  CHECK(valid_utf8(html));
  const std::string data(embedded(html));
  rapidjson::Document parsed;
  parsed.Parse<harness::json::kParseFlags>(data.c_str(), data.size());
  REQUIRE_FALSE(parsed.HasParseError());
  CHECK(std::string(parsed["entries"][0]["parts"][0]["lines"][0].GetString()) ==
        "expected \"\xEF\xBF\xBD\" got \"\xEF\xBF\xBD\"");
  const auto direct = to_document(run, true);
  CHECK(parsed["cases"][1]["stream_base64"] == direct["cases"][1]["stream_base64"]);
}

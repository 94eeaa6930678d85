// report.junit.*: the JUnit XML report of a Run made by hand: counts that match the testcases,
// each outcome class mapped to failure / error / skipped / passed as documented in
// report/junit.hpp, escaping that keeps the document well-formed whatever the lines hold, and
// validity against schemas/junit.xsd, checked by xmllint (libxml2-utils) in a subprocess.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "cli/process.hpp"
#include "report/junit.hpp"
#include "report/printable.hpp"
#include "report/sample_run.hpp"

using harness::Outcome;
using harness::report::to_junit;
using namespace harness::test;

namespace {

/// The elements called `name`, each from its start tag to its end ("/>" or the end tag).
std::vector<std::string> elements(const std::string &xml, const std::string &name) {
  std::vector<std::string> out;
  for (size_t at = xml.find("<" + name); at != std::string::npos;
       at = xml.find("<" + name, at + 1)) {
    const char after = xml[at + 1 + name.size()];
    if (after != ' ' && after != '>' && after != '/')
      continue; // <testsuites> when looking for testsuite
    const size_t tag_end = xml.find('>', at);
    size_t end = tag_end + 1;
    if (xml[tag_end - 1] != '/')
      end = xml.find("</" + name + ">", at) + name.size() + 3;
    out.push_back(xml.substr(at, end - at));
  }
  return out;
}

/// The value of attribute `name` in the start tag that `element` begins with (as written, escaped).
std::string attr(const std::string &element, const std::string &name) {
  const std::string tag = element.substr(0, element.find('>'));
  const size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos)
    return "(absent)";
  const size_t from = at + name.size() + 3;
  return tag.substr(from, tag.find('"', from) - from);
}

size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

/// The testcase called `name` in the testsuite called `suite` ("" when there is none).
std::string testcase(const std::string &xml, const std::string &suite, const std::string &name) {
  for (const auto &s : elements(xml, "testsuite"))
    if (attr(s, "name") == suite)
      for (const auto &t : elements(s, "testcase"))
        if (attr(t, "name") == name)
          return t;
  return "";
}

/// Checks that every testsuite's counts are its testcases of each kind, and the testsuites
/// element's are their sums.
void check_counts(const std::string &xml) {
  size_t tests = 0, failures = 0, errors = 0;
  for (const auto &s : elements(xml, "testsuite")) {
    CAPTURE(attr(s, "name"));
    const auto cases = elements(s, "testcase");
    size_t f = 0, e = 0, k = 0;
    for (const auto &t : cases) {
      f += count(t, "<failure ");
      e += count(t, "<error ");
      k += count(t, "<skipped>");
      CHECK(count(t, "<failure ") + count(t, "<error ") + count(t, "<skipped>") <= 1);
    }
    CHECK(attr(s, "tests") == std::to_string(cases.size()));
    CHECK(attr(s, "failures") == std::to_string(f));
    CHECK(attr(s, "errors") == std::to_string(e));
    CHECK(attr(s, "skipped") == std::to_string(k));
    tests += cases.size();
    failures += f;
    errors += e;
  }
  const auto top = elements(xml, "testsuites");
  REQUIRE(top.size() == 1);
  CHECK(attr(top[0], "tests") == std::to_string(tests));
  CHECK(attr(top[0], "failures") == std::to_string(failures));
  CHECK(attr(top[0], "errors") == std::to_string(errors));
}

ProcessResult xmllint(std::vector<std::string> args) {
  args.insert(args.begin(), "xmllint");
  auto r = run_program(args);
  if (!r.started)
    FAIL("xmllint could not be run: install libxml2-utils (apt-get install libxml2-utils, or "
         "bash .ci/install-deps)");
  return r;
}

/// xmllint's verdict on `xml` against schemas/junit.xsd; the exit code is 0 when it is valid.
ProcessResult validate(const std::string &xml) {
  TempDir dir;
  const auto file = dir.write("report.junit.xml", xml);
  return xmllint({"--noout", "--schema", SSEH_SCHEMAS_DIR "/junit.xsd", file});
}

} // namespace

TEST_CASE("report.junit.counts match the testcases") {
  const std::string xml = to_junit(sample_run());
  check_counts(xml);
  const auto top = elements(xml, "testsuites");
  REQUIRE(top.size() == 1);
  CHECK(attr(top[0], "name") == "sse-harness check");
  CHECK(attr(top[0], "tests") == "12");
  CHECK(attr(top[0], "failures") == "3"); // p1 bytes:7, p2 crlf (disputed), the stale entry
  CHECK(attr(top[0], "errors") == "1");   // curl cut-events:2
  CHECK(attr(top[0], "time") == "1.500000");
  CHECK(attr(top[0], "skipped") == "(absent)"); // not in the schema on testsuites
  CHECK(count(xml, "<skipped>") == 1);
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
}

TEST_CASE("report.junit.suites per case in run order, run-level entries last") {
  const std::string xml = to_junit(sample_run());
  const auto suites = elements(xml, "testsuite");
  REQUIRE(suites.size() == 3);
  CHECK(attr(suites[0], "name") == "prov/a.b|c");
  CHECK(attr(suites[1], "name") == "prov/plain");
  CHECK(attr(suites[2], "name") == "deviations.json");
  CHECK(attr(suites[0], "tests") == "7");
  CHECK(attr(suites[0], "timestamp") == "2026-12-03T18:42:05Z");
  CHECK(attr(suites[0], "time") == "0.400000");
  // The case's facts as suite properties, escaped.
  CHECK(suites[0].find("<property name=\"title\" value=\"a &lt;title&gt; &amp; more\"/>") !=
        std::string::npos);
  CHECK(suites[2].find("<properties>") == std::string::npos);
  // classname: '.' as '_', then '/' as '.'.
  for (const auto &t : elements(suites[0], "testcase"))
    CHECK(attr(t, "classname") == "prov.a_b|c");
  for (const auto &t : elements(suites[2], "testcase"))
    CHECK(attr(t, "classname") == "deviations_json");
}

TEST_CASE("report.junit.names are readable and unique within a suite; time shared by parts") {
  const std::string xml = to_junit(sample_run());
  for (const auto &s : elements(xml, "testsuite")) {
    std::set<std::string> names;
    for (const auto &t : elements(s, "testcase"))
      CHECK_MESSAGE(names.insert(attr(t, "name")).second, attr(t, "name"));
  }
  CHECK_FALSE(testcase(xml, "prov/a.b|c", "p1 whole").empty());
  CHECK_FALSE(testcase(xml, "prov/a.b|c", "p1 crlf").empty());
  CHECK_FALSE(testcase(xml, "prov/a.b|c", "curl cut-events:2").empty());
  CHECK_FALSE(testcase(xml, "prov/plain", "p1 whole").empty());
  CHECK_FALSE(testcase(xml, "prov/plain", "p1 whole (2)").empty());
  CHECK_FALSE(testcase(xml, "deviations.json", "p2 stale").empty());
  // 0.3 s over three parts.
  CHECK(attr(testcase(xml, "prov/a.b|c", "p1 bytes:7"), "time") == "0.100000");
  CHECK(attr(testcase(xml, "prov/a.b|c", "p2 whole"), "time") == "0.100000");
}

TEST_CASE("report.junit.each class maps to failure, error, skipped or passed") {
  const std::string xml = to_junit(sample_run());
  const std::string a = "prov/a.b|c";

  // ok: passed, nothing inside.
  CHECK(testcase(xml, a, "p1 whole").find("/>") != std::string::npos);
  CHECK(testcase(xml, a, "p1 whole").find("<system-out>") == std::string::npos);

  // failed: a failure with the first line as message, the class as type, every line as text.
  const auto failed = testcase(xml, a, "p1 bytes:7");
  REQUIRE(elements(failed, "failure").size() == 1);
  const auto failure = elements(failed, "failure")[0];
  CHECK(attr(failure, "message") == "choice 0 text differs");
  CHECK(attr(failure, "type") == "failed");
  CHECK(failure.find("choice 0 text differs\ngot ") != std::string::npos);
  CHECK(failed.find("outcome: failed (fails the run)") != std::string::npos);

  // disputed is in the default fail_on: a failure of type disputed.
  CHECK(attr(elements(testcase(xml, a, "p2 crlf"), "failure").at(0), "type") == "disputed");

  // error: an <error>, not a <failure>; the summary of the entry in system-out.
  const auto error = testcase(xml, a, "curl cut-events:2");
  REQUIRE(elements(error, "error").size() == 1);
  CHECK(attr(elements(error, "error")[0], "message") == "curl hung");
  CHECK(attr(elements(error, "error")[0], "type") == "error");
  CHECK(error.find("curl hung\nkilled after 10 s</error>") != std::string::npos);
  CHECK(error.find("<failure") == std::string::npos);
  CHECK(error.find("summary: received 3 events") != std::string::npos);

  // deviation, not in fail_on: skipped with the reason; how it differs in system-out.
  const auto dev = testcase(xml, a, "p1 crlf");
  CHECK(
      dev.find("<skipped>known deviation: drops the &lt;last&gt; event &amp; says so</skipped>") !=
      std::string::npos);
  CHECK(dev.find("<system-out>outcome: deviation\ndone: expected true, got false</system-out>") !=
        std::string::npos);
  CHECK(dev.find("<failure") == std::string::npos);

  // non-strict and informational: passed, with system-out naming the class and the lines.
  const auto non_strict = testcase(xml, a, "p2 whole");
  CHECK(non_strict.find("<failure") == std::string::npos);
  CHECK(non_strict.find("<system-out>outcome: non-strict\nthe expected result, through repairs") !=
        std::string::npos);
  const auto info = testcase(xml, "prov/plain", "p2 every");
  CHECK(info.find("<system-out>outcome: informational\nskipped: too big</system-out>") !=
        std::string::npos);

  // The run-level stale deviation fails.
  const auto stale = testcase(xml, "deviations.json", "p2 stale");
  CHECK(attr(elements(stale, "failure").at(0), "message") ==
        "entry 3 (drops the last event) no longer happens");
}

TEST_CASE("report.junit.fail_on decides: a deviation fails when listed, an error passes when not") {
  auto run = sample_run();
  run.fail_on = {Outcome::failed, Outcome::deviation};
  const std::string xml = to_junit(run);
  check_counts(xml);
  CHECK(count(xml, "<skipped>") == 0);
  const auto dev = testcase(xml, "prov/a.b|c", "p1 crlf");
  const auto failure = elements(dev, "failure");
  REQUIRE(failure.size() == 1);
  CHECK(attr(failure[0], "type") == "deviation");
  CHECK(attr(failure[0], "message") ==
        "known deviation: drops the &lt;last&gt; event &amp; says so");
  CHECK(failure[0].find("done: expected true, got false") != std::string::npos);
  // error and disputed are no longer in fail_on: passed, class named in system-out.
  const auto error = testcase(xml, "prov/a.b|c", "curl cut-events:2");
  CHECK(error.find("<error") == std::string::npos);
  CHECK(error.find("<system-out>outcome: error\ncurl hung") != std::string::npos);
  CHECK(testcase(xml, "prov/a.b|c", "p2 crlf").find("<failure") == std::string::npos);
  const auto top = elements(xml, "testsuites")[0];
  CHECK(attr(top, "failures") == "3"); // p1 bytes:7, p1 crlf, the stale entry
  CHECK(attr(top, "errors") == "0");
}

TEST_CASE("report.junit.escaping keeps the document well-formed whatever the lines hold") {
  const std::string xml = to_junit(sample_run());
  const std::string escaped = "got \\x01\\x1f\\x7f bad \\xff \\xc3( \\xed\\xa0\\x80 nc \\uFFFE "
                              "&lt;b&gt; &amp; \"q\" 'a' ]]&gt; | `x` end";
  CHECK(xml.find(escaped) != std::string::npos);
  // No byte XML 1.0 forbids, no invalid UTF-8: the document is its own printable form.
  CHECK(harness::report::printable(xml, true) == xml);
  size_t controls = 0;
  for (const unsigned char c : xml)
    controls += c < 0x20 && c != '\n';
  CHECK(controls == 0);

  // In an attribute: quotes, and TAB / CR / LF as references (a message is the first line).
  auto run = sample_run();
  run.entries[0].parts[1].lines = {kNastyLine + "\ttab\rcr\nlf"};
  const std::string xml2 = to_junit(run);
  const auto failure = elements(testcase(xml2, "prov/a.b|c", "p1 bytes:7"), "failure").at(0);
  CHECK(attr(failure, "message") ==
        "got \\x01\\x1f\\x7f bad \\xff \\xc3( \\xed\\xa0\\x80 nc \\uFFFE &lt;b&gt; &amp; "
        "&quot;q&quot; 'a' ]]&gt; | `x` end\\ttab\\rcr\\nlf");
  // In text, a CR as a reference (a reader would turn a raw one into LF).
  CHECK(failure.find("end\ttab&#13;cr\nlf</failure>") != std::string::npos);
  CHECK(harness::report::printable(xml2, true) == xml2);
}

TEST_CASE("report.junit.validates against schemas/junit.xsd (xmllint)") {
  SUBCASE("every class, default fail_on") {
    const auto r = validate(to_junit(sample_run()));
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("deviations and ok in fail_on") {
    auto run = sample_run();
    run.fail_on = {Outcome::ok, Outcome::deviation, Outcome::error};
    const auto r = validate(to_junit(run));
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("an empty run") {
    harness::report::Run run;
    run.command = "lint";
    const std::string xml = to_junit(run);
    CHECK(attr(elements(xml, "testsuites").at(0), "tests") == "0");
    const auto r = validate(xml);
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("the validator does reject what the schema forbids") {
    // A guard against a validation that passes everything: testcase-level properties.
    const auto r = validate("<?xml version=\"1.0\"?><testsuites><testsuite name=\"s\" tests=\"1\">"
                            "<testcase name=\"t\"><properties><property name=\"a\" value=\"b\"/>"
                            "</properties></testcase></testsuite></testsuites>");
    CHECK(r.exit_code != 0);
  }
}

TEST_CASE("report.junit.counts agree with xmllint's own count of the elements") {
  TempDir dir;
  const auto file = dir.write("report.junit.xml", to_junit(sample_run()));
  const auto xpath = [&](const std::string &expr) {
    const auto r = xmllint({"--xpath", expr, file});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    return r.out.substr(0, r.out.find_last_not_of('\n') + 1);
  };
  CHECK(xpath("count(//testcase)") == "12");
  CHECK(xpath("count(//testcase/failure)") == "3");
  CHECK(xpath("count(//testcase/error)") == "1");
  CHECK(xpath("count(//testcase/skipped)") == "1");
  CHECK(xpath("sum(//testsuite/@tests)") == "12");
  CHECK(xpath("sum(//testsuite/@skipped)") == "1");
  CHECK(xpath("string(/testsuites/@failures)") == "3");
}

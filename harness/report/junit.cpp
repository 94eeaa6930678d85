#include "report/junit.hpp"

#include <cmath>
#include <map>

#include "report/printable.hpp"

namespace harness::report {

namespace {

/// The suite of the entries about the run itself.
constexpr std::string_view kRunSuite = "deviations.json";
/// Enough of a first line for a message attribute; the element's text has all of it.
constexpr size_t kMessageBytes = 1000;

enum class Kind { passed, failure, error, skipped };

Kind kind_of(Outcome o, const std::set<Outcome> &fail_on) {
  if (fail_on.count(o))
    return o == Outcome::error ? Kind::error : Kind::failure;
  return o == Outcome::deviation ? Kind::skipped : Kind::passed;
}

/// Character data and attribute values (printable.hpp's append_markup on printable text).
void text(std::string &out, std::string_view s) { append_markup(out, printable(s, true), false); }
void attr(std::string &out, std::string_view s) { append_markup(out, printable(s, true), true); }

void attribute(std::string &out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  attr(out, value);
  out += '"';
}

/// Seconds with six decimals, independent of the locale; 0 for negative or NaN.
std::string junit_seconds(double s) {
  if (!(s > 0))
    return "0.000000";
  const auto us = static_cast<uint64_t>(std::llround(std::fmin(s, 1e12) * 1e6));
  std::string frac = std::to_string(us % 1000000);
  return std::to_string(us / 1000000) + "." + std::string(6 - frac.size(), '0') + frac;
}

std::string classname(std::string_view case_id) {
  std::string out(case_id);
  for (auto &c : out)
    c = c == '.' ? '_' : c == '/' ? '.' : c;
  return out;
}

std::string testcase_name(const Entry &e, const Part &p) {
  std::string n = e.impl;
  const auto add = [&](const std::string &s) {
    if (s.empty())
      return;
    if (!n.empty())
      n += ' ';
    n += s;
  };
  if (e.variant != p.name)
    add(e.variant);
  add(p.name);
  return n.empty() ? "(unnamed)" : n;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const auto &l : lines) {
    if (!out.empty())
      out += '\n';
    out += l;
  }
  return out;
}

std::string deviation_text(const Entry &e) {
  return "known deviation: " +
         (e.reason.empty() ? std::string("listed in the known-deviations file") : e.reason);
}

struct Counts {
  size_t tests = 0, failures = 0, errors = 0, skipped = 0;
};

/// One testcase; adds it to `n`.
void testcase(std::string &out, const Run &run, const Entry &e, const Part &p, bool first,
              const std::string &cls, const std::string &name, double secs, Counts &n) {
  ++n.tests;
  out += "    <testcase";
  attribute(out, "classname", cls);
  attribute(out, "name", name);
  attribute(out, "time", junit_seconds(secs));

  const Kind kind = kind_of(p.outcome, run.fail_on);
  std::vector<std::string> sysout;
  if (p.outcome != Outcome::ok) {
    sysout.push_back("outcome: " + std::string(to_string(p.outcome)) +
                     (run.fail_on.count(p.outcome) ? " (fails the run)" : ""));
    if (kind == Kind::passed || kind == Kind::skipped)
      sysout.insert(sysout.end(), p.lines.begin(), p.lines.end());
  }
  if (first) {
    if (!e.summary.empty())
      sysout.push_back("summary: " + e.summary);
    for (const auto &note : e.notes)
      sysout.push_back("note: " + note);
  }
  if (kind == Kind::passed && sysout.empty()) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  if (kind == Kind::skipped) {
    ++n.skipped;
    out += "      <skipped>";
    text(out, deviation_text(e));
    out += "</skipped>\n";
  } else if (kind == Kind::failure || kind == Kind::error) {
    const char *element = kind == Kind::error ? "error" : "failure";
    ++(kind == Kind::error ? n.errors : n.failures);
    std::vector<std::string> lines = p.lines;
    if (p.outcome == Outcome::deviation)
      lines.insert(lines.begin(), deviation_text(e));
    if (lines.empty())
      lines.emplace_back(to_string(p.outcome));
    out += "      <";
    out += element;
    attribute(out, "message", utf8_prefix(printable(lines.front(), false), kMessageBytes));
    attribute(out, "type", to_string(p.outcome));
    out += '>';
    text(out, joined(lines));
    out += "</";
    out += element;
    out += ">\n";
  }
  if (!sysout.empty()) {
    out += "      <system-out>";
    text(out, joined(sysout));
    out += "</system-out>\n";
  }
  out += "    </testcase>\n";
}

void property(std::string &out, std::string_view name, std::string_view value) {
  if (value.empty())
    return;
  out += "      <property";
  attribute(out, "name", name);
  attribute(out, "value", value);
  out += "/>\n";
}

/// One testsuite; adds its counts to `total`.
void testsuite(std::string &out, const Run &run, std::string_view id, const CaseInfo *info,
               const std::vector<const Entry *> &entries, Counts &total) {
  const std::string suite_name = id.empty() ? std::string(kRunSuite) : std::string(id);
  const std::string cls = classname(suite_name);
  std::string body;
  Counts n;
  double secs = 0;
  std::map<std::string, size_t> names;
  for (const Entry *e : entries) {
    secs += e->seconds > 0 ? e->seconds : 0;
    const double share = e->parts.empty() ? 0 : e->seconds / static_cast<double>(e->parts.size());
    for (size_t i = 0; i < e->parts.size(); ++i) {
      std::string name = testcase_name(*e, e->parts[i]);
      if (const size_t seen = ++names[name]; seen > 1)
        name += " (" + std::to_string(seen) + ")";
      testcase(body, run, *e, e->parts[i], i == 0, cls, name, share, n);
    }
  }
  out += "  <testsuite";
  attribute(out, "name", suite_name);
  attribute(out, "tests", std::to_string(n.tests));
  attribute(out, "failures", std::to_string(n.failures));
  attribute(out, "errors", std::to_string(n.errors));
  attribute(out, "skipped", std::to_string(n.skipped));
  attribute(out, "time", junit_seconds(secs));
  if (!run.started.empty())
    attribute(out, "timestamp", run.started);
  out += ">\n";
  if (info && !(info->title.empty() && info->dialect.empty() && info->file.empty())) {
    out += "    <properties>\n";
    property(out, "title", info->title);
    property(out, "dialect", info->dialect);
    property(out, "file", info->file);
    out += "    </properties>\n";
  }
  out += body;
  out += "  </testsuite>\n";
  total.tests += n.tests;
  total.failures += n.failures;
  total.errors += n.errors;
  total.skipped += n.skipped;
}

} // namespace

std::string to_junit(const Run &run) {
  // Suites in run order: the cases, then ids that only entries name, then the run's own entries.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Entry *>> by_case;
  std::map<std::string, const CaseInfo *> infos;
  for (const auto &c : run.cases)
    if (infos.emplace(c.id, &c).second && !c.id.empty())
      order.push_back(c.id);
  for (const auto &e : run.entries) {
    if (!e.case_id.empty() && !infos.count(e.case_id)) {
      infos.emplace(e.case_id, nullptr);
      order.push_back(e.case_id);
    }
    by_case[e.case_id].push_back(&e);
  }
  if (by_case.count(""))
    order.emplace_back();

  std::string suites;
  Counts total;
  for (const auto &id : order) {
    const auto info = infos.find(id);
    testsuite(suites, run, id, info == infos.end() ? nullptr : info->second, by_case[id], total);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  attribute(out, "name", "sse-harness " + run.command);
  attribute(out, "tests", std::to_string(total.tests));
  attribute(out, "failures", std::to_string(total.failures));
  attribute(out, "errors", std::to_string(total.errors));
  attribute(out, "time", junit_seconds(run.seconds));
  out += ">\n";
  out += suites;
  out += "</testsuites>\n";
  return out;
}

} // namespace harness::report

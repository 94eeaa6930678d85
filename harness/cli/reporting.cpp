#include "cli/reporting.hpp"

#include <ctime>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "check/lint.hpp"
#include "cli/common.hpp"
#include "corpus/atomic_write.hpp"
#include "report/html.hpp"
#include "report/junit.hpp"
#include "report/markdown.hpp"
#include "report/report_json.hpp"
#include "sse/whole_stream.hpp"

namespace harness::cli {

namespace {

constexpr const char *kFormats[] = {"text", "json", "junit", "markdown", "html"};

bool known_format(const std::string &f) {
  for (const char *k : kFormats)
    if (f == k)
      return true;
  return false;
}

Result<std::string> render(const report::Run &run, const std::string &format,
                           const report::TextOptions &text) {
  if (format == "json")
    return report::to_json(run);
  if (format == "junit")
    return report::to_junit(run);
  if (format == "markdown")
    return report::to_markdown(run);
  if (format == "html")
    return report::to_html(run);
  if (format == "text") {
    std::ostringstream s;
    report::write_text(s, run, report::TextOptions{false, text.verbose});
    return s.str();
  }
  return Error{"--report", std::nullopt, "the " + format + " report is not available yet"};
}

} // namespace

void add_report_options(cxxopts::Options &options) {
  options.add_options("report")
      ("report", "FORMAT[=FILE]: text, json, junit, markdown or html, to FILE or stdout "
                 "(repeatable)", cxxopts::value<std::vector<std::string>>())
      ("fail-on", "outcome classes that make the exit code 1, comma-separated: ok, non-strict, "
                  "informational, deviation, disputed, failed, error, or none",
       cxxopts::value<std::string>()->default_value("failed,disputed,error"))
      ("progress", "progress on stderr: auto (a bar on a terminal, else a line every 5 s), bar, "
                   "lines or none", cxxopts::value<std::string>()->default_value("auto"));
}

bool ReportOptions::text_to_stdout() const {
  for (const auto &t : targets)
    if (t.format == "text" && t.file.empty())
      return true;
  return false;
}

Result<ReportOptions> report_options_of(const cxxopts::ParseResult &opts) {
  ReportOptions ro;
  bool stdout_taken = false;
  if (opts.count("report"))
    for (const auto &spec : opts["report"].as<std::vector<std::string>>()) {
      const auto eq = spec.find('=');
      ReportTarget t{spec.substr(0, eq), eq == std::string::npos ? "" : spec.substr(eq + 1)};
      if (!known_format(t.format))
        return Error{"--report", std::nullopt,
                     "unknown format '" + t.format + "' (known: text, json, junit, markdown, html)"};
      if (eq != std::string::npos && t.file.empty())
        return Error{"--report", std::nullopt, "'" + spec + "' names no file after '='"};
      if (t.file.empty()) {
        if (stdout_taken)
          return Error{"--report", std::nullopt,
                       "only one report can go to stdout; give the others a file (FORMAT=FILE)"};
        stdout_taken = true;
      }
      ro.targets.push_back(std::move(t));
    }
  if (!stdout_taken)
    ro.targets.push_back(ReportTarget{"text", ""});

  std::stringstream list(opts["fail-on"].as<std::string>());
  for (std::string name; std::getline(list, name, ',');) {
    if (name == "none" || name.empty())
      continue;
    const auto o = outcome_named(name);
    if (!o)
      return Error{"--fail-on", std::nullopt,
                   "unknown outcome class '" + name + "' (known: ok, non-strict, informational, "
                   "deviation, disputed, failed, error, none)"};
    ro.fail_on.insert(*o);
  }
  if (!report::parse_progress_mode(opts["progress"].as<std::string>(), ro.progress))
    return Error{"--progress", std::nullopt,
                 "takes auto, bar, lines or none, not '" + opts["progress"].as<std::string>() + "'"};
  return ro;
}

Status write_reports(const report::Run &run, const ReportOptions &options, std::ostream &out,
                     const report::TextOptions &text, bool text_streamed) {
  for (const auto &t : options.targets) {
    if (t.file.empty() && t.format == "text") {
      report::write_text(out, run, text, text_streamed);
      continue;
    }
    auto body = render(run, t.format, text);
    if (!body)
      return body.error();
    if (t.file.empty()) {
      out << *body;
      continue;
    }
    // A report folder that does not exist yet is made (CI jobs name one per run).
    const auto parent = std::filesystem::path(t.file).parent_path();
    std::error_code ec;
    if (!parent.empty() && !std::filesystem::is_directory(parent, ec)) {
      std::filesystem::create_directories(parent, ec);
      if (ec)
        return Error{t.file, std::nullopt, "cannot create its folder: " + ec.message()};
    }
    if (auto s = corpus::write_file_atomic(t.file, *body); !s)
      return s.error();
  }
  out.flush();
  return ok_status();
}

report::Run RunSetup::start(std::string command) const {
  report::Run run;
  run.command = std::move(command);
  run.started = utc_now();
  run.shard = selection.shard();
  run.invocation = invocation;
  run.fail_on = reports.fail_on;
  return run;
}

Result<RunSetup> run_setup(const cxxopts::ParseResult &opts, bool discover) {
  RunSetup setup;
  for (const auto &kv : opts.arguments()) {
    static const std::set<std::string> kRunNeutral = {"shard", "report", "progress", "verbose", "v"};
    if (!kRunNeutral.count(kv.key()))
      setup.invocation += (setup.invocation.empty() ? "--" : " --") + kv.key() + "=" + kv.value();
  }
  auto selection = selection_of(opts);
  if (!selection)
    return selection.error();
  setup.selection = std::move(*selection);
  auto reports = report_options_of(opts);
  if (!reports)
    return reports.error();
  setup.reports = std::move(*reports);
  if (discover) {
    auto found = discover_case_paths(opts);
    if (!found)
      return found.error();
    setup.cases = select_cases(std::move(*found), setup.selection);
  }
  return setup;
}

void add_entry(report::Run &run, report::Entry entry, bool stream_text, std::ostream &out,
               const report::TextOptions &text, report::Progress &progress, size_t &failing) {
  failing += run.fail_on.count(entry.outcome);
  if (stream_text && (entry.outcome != Outcome::ok || text.verbose)) {
    progress.interrupt();
    report::write_entry(out, entry, text);
    out.flush();
  }
  run.entries.push_back(std::move(entry));
}

report::CaseInfo case_info(const corpus::Case &c) {
  report::CaseInfo info;
  info.id = c.id;
  info.title = c.title;
  info.why = c.why;
  info.dialect = c.dialect;
  info.file = c.capture.file;
  info.tags = c.tags;
  info.stream = std::string(c.capture.stream());
  info.event_starts = sse::event_offsets(info.stream);
  for (const auto &a : c.timing)
    info.timing.emplace_back(a.offset, a.microseconds);
  info.findings = check::lint(info.stream, c.dialect).findings;
  return info;
}

report::Entry entry_of(const check::Row &row, const std::string &case_id, std::string kind) {
  report::Entry e;
  e.case_id = case_id;
  e.impl = row.impl;
  e.kind = std::move(kind);
  e.variant = row.variant;
  e.outcome = row.outcome;
  for (const auto &p : row.parts)
    e.parts.push_back(report::Part{p.name, p.outcome, p.lines});
  if (e.parts.empty())
    e.parts.push_back(report::Part{row.variant.empty() ? "whole" : row.variant, row.outcome,
                                   row.lines});
  e.reason = row.reason;
  e.notes = row.notes;
  e.replays = row.replays;
  e.split_points = row.split_points;
  e.expected = row.expected;
  e.actual = row.actual;
  e.findings = row.findings;
  return e;
}

report::Entry stale_entry(const report::UnusedDeviation &u) {
  report::Entry e;
  e.impl = "deviations.json";
  e.kind = "deviations";
  e.outcome = Outcome::failed;
  e.parts.push_back(report::Part{
      "deviation entry " + std::to_string(u.entry), Outcome::failed,
      {report::stale_line(u) + ": remove it from the known deviations or fix its pattern"}});
  return e;
}

void settle_unused_deviations(const std::vector<report::UnusedDeviation> &unused, bool everything,
                              const Selection &selection, report::Run &run, const EntrySink &sink,
                              std::ostream &err, const std::string &command) {
  if (everything && !selection.picks_cases() && !run.shard.empty())
    run.unused_deviations = unused;
  if (everything && !selection.narrows()) {
    for (const auto &u : unused) {
      auto e = stale_entry(u);
      if (sink.stream_text)
        report::write_entry(sink.out, e, sink.text);
      run.entries.push_back(std::move(e));
    }
  } else if (selection.narrows()) {
    if (!unused.empty())
      err << "sse-harness " << command << ": note: " << unused.size()
          << " known-deviation entries did not apply to the cases selected\n";
  } else {
    for (const auto &u : unused)
      err << "sse-harness " << command << ": note: " << report::stale_line(u) << "\n";
  }
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool stderr_is_tty() { return ::isatty(STDERR_FILENO) != 0; }

} // namespace harness::cli

// sse-harness lint [FILE|CASE|PATH...]: captures judged as producers.
#include "check/lint.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/reporting.hpp"
#include "cli/selection.hpp"
#include "corpus/case_writer.hpp"
#include "report/result_json.hpp"
#include "report/text.hpp"
#include "sse/whole_stream.hpp"

#include <chrono>
#include <filesystem>

namespace harness::cli {

namespace {

std::string lint_json(const Target &target, const check::LintReport &r) {
  // The findings array is the result document's; the rest says what was linted.
  StreamResult only_findings;
  only_findings.findings = r.findings;
  auto doc = report::to_document(only_findings);
  rapidjson::Document d(rapidjson::kObjectType);
  auto &a = d.GetAllocator();
  auto s = [&](std::string_view v) {
    return rapidjson::Value(v.data(), static_cast<rapidjson::SizeType>(v.size()), a);
  };
  if (target.the_case)
    d.AddMember("case", s(target.label), a);
  d.AddMember("file", s(target.capture.file), a);
  d.AddMember("dialect", s(target.dialect), a);
  rapidjson::Value counts(rapidjson::kObjectType);
  counts.AddMember("error", r.errors, a);
  counts.AddMember("warning", r.warnings, a);
  counts.AddMember("info", r.infos, a);
  d.AddMember("counts", counts, a);
  d.AddMember("findings", rapidjson::Value(doc["findings"], a), a);
  return corpus::render_json(d);
}

} // namespace

namespace {

/// Every capture the arguments name: a file, a case (folder or id), or a folder of cases (all of
/// them); none = the bundled corpus.
Result<std::vector<Target>> lint_targets(const std::vector<std::string> &whats,
                                         std::optional<source::Format> from) {
  std::vector<Target> out;
  auto add_folder = [&](const std::string &dir) -> Status {
    if (from)
      return Error{dir, std::nullopt,
                   "--from applies to a bare capture file; a case declares its own format"};
    auto found = corpus::discover({dir});
    if (!found)
      return found.error();
    for (auto &c : *found) {
      Target t{c.id, std::nullopt, c.capture, c.dialect};
      t.the_case = std::move(c);
      out.push_back(std::move(t));
    }
    return ok_status();
  };
  if (whats.empty()) {
    if (auto s = add_folder(default_corpus_dir()); !s)
      return s.error();
    return out;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto &what : whats) {
    if (fs::is_directory(what, ec) && !fs::exists(fs::path(what) / corpus::kCaseFile, ec)) {
      if (auto s = add_folder(what); !s)
        return s.error();
      continue;
    }
    auto t = resolve_target(what, from);
    if (!t && fs::is_directory(fs::path(default_corpus_dir()) / what, ec)) {
      if (auto s = add_folder((fs::path(default_corpus_dir()) / what).string()); !s)
        return s.error();
      continue;
    }
    if (!t)
      return t.error();
    out.push_back(std::move(*t));
  }
  return out;
}

/// The class of a linted capture: error findings fail it; warnings make it non-strict (clients
/// cope, but only by tolerating something); info alone is informational.
Outcome lint_outcome(const check::LintReport &r) {
  return r.errors ? Outcome::failed
         : r.warnings ? Outcome::non_strict
         : r.infos   ? Outcome::informational
                     : Outcome::ok;
}

} // namespace

int cmd_lint(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness lint",
      "Judge captures as a producer: every finding (framing, JSON, dialect, usage, end marker, "
      "errors) with its byte offset and event number. A capture with an error finding fails, "
      "one with warnings is non-strict, one with only info findings informational.");
  options.add_options()
      ("json", "one target only: print JSON with case, file, dialect, counts, findings "
               "(result-document findings)");
  add_dialect_option(options);
  add_from_option(options);
  options.add_options()("v,verbose", "list every finding (repeats of one rule are grouped otherwise)")(
      "h,help", "show this help");
  add_selection_options(options);
  add_report_options(options);
  options.add_options()("targets", "capture files, cases, or folders of cases (default: the "
                                   "bundled corpus)",
                        cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"targets"});
  options.positional_help("[FILE|CASE|PATH...]");
  auto opts = parse(options, args);
  auto trouble = [&](const Error &e) { return trouble_line(err, "lint", e); };
  const auto from = from_option(opts);
  if (!from)
    return trouble(from.error());
  auto setup = run_setup(opts, false);
  if (!setup)
    return trouble(setup.error());
  const auto *selection = &setup->selection;
  const auto *reports = &setup->reports;
  auto targets = lint_targets(
      opts.count("targets") ? opts["targets"].as<std::vector<std::string>>()
                            : std::vector<std::string>{},
      from.value());
  if (!targets)
    return trouble(targets.error());
  std::erase_if(*targets, [&](const Target &t) {
    return !selected(*selection, t.label, t.the_case ? t.the_case->tags
                                                     : std::vector<std::string>{});
  });
  for (auto &t : *targets)
    if (auto status = apply_dialect_option(opts, t); !status)
      return trouble(status.error());
  if (selection->list) {
    for (const auto &t : *targets)
      out << t.label << "  " << t.dialect << "\n";
    out << targets->size() << " captures\n";
    return kExitOk;
  }
  if (opts.count("json")) {
    if (targets->size() != 1)
      return trouble(Error{"--json", std::nullopt,
                           "prints one capture; for " + std::to_string(targets->size()) +
                               " use --report json"});
    const auto report = check::lint(targets->front().capture.stream(), targets->front().dialect);
    out << lint_json(targets->front(), report) << "\n";
    return report.errors ? kExitFailures : kExitOk;
  }

  auto run = setup->start("lint");
  run.implementations = {"lint"};
  run.kinds = {"lint"};
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto &t : *targets) {
    const auto start = std::chrono::steady_clock::now();
    auto info = t.the_case ? case_info(*t.the_case) : report::CaseInfo{};
    if (!t.the_case) {
      info.id = t.label;
      info.file = t.capture.file;
      info.stream = std::string(t.capture.stream());
      info.event_starts = sse::event_offsets(info.stream);
      info.is_case = false;
    }
    info.dialect = t.dialect;
    const auto r = check::lint(info.stream, t.dialect);
    info.findings = r.findings;
    report::Entry e;
    e.case_id = t.label;
    e.impl = "lint";
    e.kind = "lint";
    e.outcome = lint_outcome(r);
    report::Part part{"findings", e.outcome, {}};
    for (const auto &f : r.findings)
      part.lines.push_back("byte " + std::to_string(f.offset) + "  event " +
                           std::to_string(f.event) + "  " + std::string(to_string(f.severity)) +
                           "  " + f.rule + ": " + f.message);
    e.parts.push_back(std::move(part));
    e.findings = r.findings;
    e.summary = std::to_string(r.errors) + " errors, " + std::to_string(r.warnings) +
                " warnings, " + std::to_string(r.infos) + " info";
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.cases.push_back(std::move(info));
    run.entries.push_back(std::move(e));
  }
  run.totals = std::to_string(run.cases.size()) + " captures";
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const report::TextOptions text{use_colour(out), opts.count("verbose") > 0};
  if (auto s = write_reports(run, *reports, out, text, false); !s)
    return trouble(s.error());
  return report::failing(run) ? kExitFailures : kExitOk;
}

} // namespace harness::cli

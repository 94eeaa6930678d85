#include "report/text_report.hpp"

#include <algorithm>
#include <iomanip>
#include <map>

#include "core/finding_groups.hpp"
#include "report/text.hpp"

namespace harness::report {

std::string outcome_label(Outcome outcome, bool colour) {
  static const char *text[] = {"PASS", "NSTR", "INFO", "DEVN", "DISP", "FAIL", "ERR!"};
  static const char *code[] = {"32", "36", "34", "33", "35", "31", "31;1"};
  const auto i = static_cast<size_t>(outcome);
  return colour ? std::string("\033[") + code[i] + "m" + text[i] + "\033[0m" : text[i];
}

namespace {

void write_lint_entry(std::ostream &out, const Run &run, const Entry &e, bool verbose) {
  for (const auto &c : run.cases)
    if (c.id == e.case_id) {
      out << (c.is_case ? "case      " : "file      ") << c.id << "\n"
          << "dialect   " << c.dialect << "\n";
      break;
    }
  if (verbose) {
    for (const auto &f : e.findings)
      out << "  byte " << f.offset << "  event " << f.event << "  " << to_string(f.severity)
          << "  " << f.rule << ": " << f.message << "\n";
  } else {
    std::vector<const Finding *> all;
    for (const auto &f : e.findings)
      all.push_back(&f);
    for (const auto &g : group_findings(all))
      out << "  " << group_bytes(g) << "  " << group_events(g) << "  "
          << to_string(g.first->severity) << "  " << group_label(g) << ": " << g.first->message
          << "\n";
  }
  size_t n[3] = {0, 0, 0};
  for (const auto &f : e.findings)
    ++n[static_cast<size_t>(f.severity)];
  out << e.findings.size() << " findings: " << n[0] << " errors, " << n[1] << " warnings, " << n[2]
      << " info\n";
}

/// Cases down, implementations across; each cell counts the entries by class ("12" all passed,
/// else e.g. "9 2D 1F").
void write_matrix(std::ostream &out, const Run &run) {
  std::map<std::pair<std::string, std::string>, std::array<size_t, kOutcomeCount>> cells;
  for (const auto &e : run.entries)
    ++cells[{e.case_id, e.impl}][static_cast<size_t>(e.outcome)];
  size_t width = 4;
  for (const auto &c : run.cases)
    width = std::max(width, c.id.size());
  auto col = [](const std::string &name) {
    return static_cast<int>(std::max<size_t>(name.size(), 9));
  };
  out << "\n" << std::left << std::setw(static_cast<int>(width)) << "case";
  for (const auto &impl : run.implementations)
    out << "  " << std::setw(col(impl)) << impl;
  out << "\n";
  static const char *tag[] = {"", "N", "I", "D", "?", "F", "E"};
  for (const auto &c : run.cases) {
    out << std::setw(static_cast<int>(width)) << c.id;
    for (const auto &impl : run.implementations) {
      std::string cell = "-";
      if (auto it = cells.find({c.id, impl}); it != cells.end()) {
        const auto &n = it->second;
        cell = std::to_string(n[0]);
        for (size_t k = 1; k < kOutcomeCount; ++k)
          if (n[k])
            cell += " " + std::to_string(n[k]) + tag[k];
      }
      out << "  " << std::setw(col(impl)) << cell;
    }
    out << "\n";
  }
  out << std::right;
}

} // namespace

void write_entry(std::ostream &out, const Entry &e, const TextOptions &options) {
  if (e.outcome == Outcome::ok && !options.verbose)
    return;
  const std::string label = outcome_label(e.outcome, options.colour);
  // A known deviation or a non-strict pass is expected: one line, the detail only with verbose.
  const bool brief = !options.verbose &&
                     (e.outcome == Outcome::deviation || e.outcome == Outcome::non_strict);
  if (e.kind == "deviations") {
    for (const auto &p : e.parts)
      for (const auto &line : p.lines)
        out << label << "  " << line << "\n";
    return;
  }
  out << label << "  " << e.case_id << "  " << e.impl;
  if (e.kind == "client") {
    out << "  " << e.parts.front().name << "  (" << e.summary << ", "
        << static_cast<long long>(e.seconds * 1000 + 0.5) << " ms)\n";
    if (!e.reason.empty())
      out << "      known: " << e.reason << "\n";
    if (brief)
      return;
  } else {
    if (!e.variant.empty())
      out << "  variant " << e.variant;
    if (e.outcome == Outcome::ok)
      out << "  (" << e.replays << " replays, " << e.split_points << " split points)";
    else if (!e.reason.empty())
      out << "  known: " << e.reason;
    else if (brief && !e.parts.empty() && !e.parts.front().lines.empty())
      out << "  " << e.parts.front().lines.front(); // what made it non-strict
    out << "\n";
    if (brief)
      return;
  }
  for (const auto &p : e.parts)
    for (const auto &line : p.lines)
      out << "      " << line << "\n";
}

std::string summary_line(const Run &run) {
  const auto n = count(run);
  auto at = [&](Outcome o) { return std::to_string(n[static_cast<size_t>(o)]); };
  return run.totals + ": " + at(Outcome::ok) + " passed, " + at(Outcome::non_strict) +
         " non-strict, " + at(Outcome::informational) + " informational, " +
         at(Outcome::deviation) + " known deviations, " + at(Outcome::disputed) + " disputed, " +
         at(Outcome::failed) + " failed, " + at(Outcome::error) + " errors";
}

void write_text(std::ostream &out, const Run &run, const TextOptions &options,
                bool entries_written) {
  if (!entries_written)
    for (const auto &e : run.entries) {
      if (e.kind == "lint")
        write_lint_entry(out, run, e, options.verbose);
      else
        write_entry(out, e, options);
    }
  if (run.command == "clients run")
    write_matrix(out, run);
  out << summary_line(run) << "\n";
}

} // namespace harness::report

#include "report/markdown.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "report/printable.hpp"

namespace harness::report {

namespace {

constexpr size_t kMatrixCases = 40;
constexpr size_t kMatrixImpls = 12;
constexpr size_t kListedEntries = 50;
constexpr size_t kEntryLines = 12;   ///< lines shown per entry, over all its parts
constexpr size_t kLineBytes = 300;   ///< bytes shown per line
constexpr size_t kNameBytes = 200;   ///< bytes shown of a case id, implementation or variant
constexpr size_t kReasonBytes = 600; ///< bytes shown of a deviation's reasons
/// Room kept for what closes the document (the "and N more" line) once the listing stops.
constexpr size_t kReserve = 4096;

/// The label of the entries about the run itself (case_id ""), as the JUnit report names them.
constexpr std::string_view kRunLabel = "deviations.json";

/// ok, non-strict, informational, deviation, disputed, failed, error.
std::string_view emoji(Outcome o) {
  static constexpr std::array<std::string_view, kOutcomeCount> kEmoji = {"✅", "🔧", "ℹ️", "📋",
                                                                        "❓", "❌", "💥"};
  return name_of(o, kEmoji, "?");
}

/// The classes that are not ok, as the listing orders them: those in fail_on first, then the
/// others, each group the most pressing first.
std::vector<Outcome> listing_order(const std::set<Outcome> &fail_on) {
  std::vector<Outcome> order = {Outcome::failed,    Outcome::error,      Outcome::disputed,
                                Outcome::deviation, Outcome::non_strict, Outcome::informational};
  std::stable_partition(order.begin(), order.end(),
                        [&](Outcome o) { return fail_on.count(o) > 0; });
  return order;
}

/// `s` cut to `max` bytes at a character boundary, with "…" when something was cut.
std::string cut(const std::string &s, size_t max) {
  const auto p = utf8_prefix(s, max);
  return p.size() == s.size() ? s : std::string(p) + "…";
}

/// `s` made printable (line breaks escaped) and cut to `max` bytes; only a prefix is converted,
/// so that a huge line costs no more than a short one. Escapes only lengthen text, so a prefix a
/// little over `max` is enough to know whether something was cut.
std::string shown(std::string_view s, size_t max) {
  return cut(printable(s.substr(0, max + 4), false), max);
}

/// Inline Markdown text (a table cell, a paragraph): every character that could start markup is
/// backslash-escaped, the pipe included (GitHub tables split cells at an unescaped one), and
/// line breaks are written as escapes so that a cell stays one line.
std::string md(std::string_view s, size_t max = kNameBytes) {
  std::string out;
  for (const char c : shown(s, max)) {
    if (std::string_view("\\`*_[]<>|~&#!$").find(c) != std::string_view::npos)
      out += '\\';
    out += c;
  }
  return out;
}

/// A paragraph of prose such as a deviation's reasons: as md(), except that http(s) URLs become
/// <URL> autolinks, inside which backslash escapes would not be read and would break the link.
std::string md_prose(std::string_view s, size_t max) {
  const std::string text = shown(s, max);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t at = std::min(text.find("http://", i), text.find("https://", i));
    if (at == std::string::npos) {
      out += md(text.substr(i), text.size());
      break;
    }
    // The URL runs to whitespace or a character an autolink cannot hold; a closing ')' or
    // sentence punctuation at its end belongs to the prose.
    size_t end = at;
    while (end < text.size() &&
           std::string_view(" \t<>\"`|").find(text[end]) == std::string_view::npos)
      ++end;
    while (end > at && std::string_view(").,;:'").find(text[end - 1]) != std::string_view::npos)
      --end;
    out += md(text.substr(i, at - i), text.size());
    out += "<" + text.substr(at, end - at) + ">";
    i = end;
  }
  return out;
}

/// Text inside raw HTML (a <summary>), where Markdown is not read. shown() leaves no line
/// breaks, so this is append_markup's attribute form only for its `"`.
std::string html(std::string_view s, size_t max = kNameBytes) {
  std::string out;
  append_markup(out, shown(s, max), true);
  return out;
}

/// `lines` as a fenced block whose fence is longer than any run of backticks inside it.
std::string fenced(const std::vector<std::string> &lines) {
  size_t longest = 0;
  for (const auto &l : lines) {
    size_t run = 0;
    for (const char c : l) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
  }
  const std::string fence(std::max<size_t>(3, longest + 1), '`');
  std::string out = fence + "text\n";
  for (const auto &l : lines)
    out += l + "\n";
  return out + fence + "\n";
}

std::string number(size_t n) {
  return std::to_string(n);
}

/// Seconds with one decimal, independent of the locale.
std::string shown_seconds(double s) {
  const auto tenths = s > 0 ? static_cast<uint64_t>(std::min(s, 1e12) * 10 + 0.5) : 0;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::string case_label(const Entry &e) {
  return e.case_id.empty() ? std::string(kRunLabel) : e.case_id;
}

/// "3 failed, 1 error" for the classes in `which` with entries, in listing order.
std::string tally(const std::array<size_t, kOutcomeCount> &n, const std::vector<Outcome> &which) {
  std::string out;
  for (const auto o : which) {
    if (n[static_cast<size_t>(o)] == 0)
      continue;
    if (!out.empty())
      out += ", ";
    out += number(n[static_cast<size_t>(o)]) + " " + std::string(to_string(o));
  }
  return out;
}

void title(std::string &out, const Run &run, const std::array<size_t, kOutcomeCount> &n) {
  const auto order = listing_order(run.fail_on);
  std::vector<Outcome> failing_classes, others;
  for (const auto o : order)
    (run.fail_on.count(o) ? failing_classes : others).push_back(o);
  if (run.fail_on.count(Outcome::ok))
    failing_classes.push_back(Outcome::ok);
  out += "## sse-harness " + md(run.command) + ": ";
  if (failing(run)) {
    out += "❌ failing: " + tally(n, failing_classes);
  } else {
    out += "✅ passed";
    if (run.entries.empty())
      out += " (nothing was checked)";
    else if (const auto rest = tally(n, others); !rest.empty())
      out += " (" + rest + ")";
  }
  out += "\n\n";
}

void coverage(std::string &out, const Run &run) {
  if (!run.totals.empty())
    out += "- **Covered:** " + md(run.totals) + "\n";
  if (!run.shard.empty())
    out += "- **Shard:** " + md(run.shard) + " (part of the cases only)\n";
  std::string classes;
  for (const auto o : kOutcomes)
    if (run.fail_on.count(o))
      classes += (classes.empty() ? "" : ", ") + std::string(to_string(o));
  out += "- **Fails on:** " + (classes.empty() ? std::string("nothing") : classes) + "\n";
  out += "- **Time:** " + shown_seconds(run.seconds);
  if (!run.started.empty())
    out += ", started " + md(run.started);
  out += "\n\n";
}

void counts_table(std::string &out, const Run &run, const std::array<size_t, kOutcomeCount> &n) {
  out += "| class | entries | fails the run |\n| --- | ---: | :---: |\n";
  for (const auto o : kOutcomes)
    out += "| " + std::string(emoji(o)) + " " + std::string(to_string(o)) + " | " +
           number(n[static_cast<size_t>(o)]) + " | " + (run.fail_on.count(o) ? "yes" : "") + " |\n";
  out += "\n";
}

/// The implementations in column order: the run's, then any that only entries about a case name.
std::vector<std::string> columns(const Run &run) {
  std::vector<std::string> cols = run.implementations;
  for (const auto &e : run.entries)
    if (!e.case_id.empty() && std::find(cols.begin(), cols.end(), e.impl) == cols.end())
      cols.push_back(e.impl);
  return cols;
}

/// The matrix rows: the run's cases, then ids that only entries name. The entries about the run
/// itself are in no row: they are about no case and no implementation.
std::vector<std::string> rows(const Run &run) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto &c : run.cases)
    if (!c.id.empty() && seen.insert(c.id).second)
      ids.push_back(c.id);
  for (const auto &e : run.entries)
    if (!e.case_id.empty() && seen.insert(e.case_id).second)
      ids.push_back(e.case_id);
  return ids;
}

/// "Also: ❌ 1 failed about the run itself (deviations.json)." when there are such entries.
std::string run_level_note(const Run &run) {
  std::array<size_t, kOutcomeCount> n{};
  size_t total = 0;
  for (const auto &e : run.entries)
    if (e.case_id.empty()) {
      ++n[static_cast<size_t>(e.outcome)];
      ++total;
    }
  if (total == 0)
    return "";
  std::string out = "Also about the run itself (" + std::string(kRunLabel) + "):";
  for (const auto o : kOutcomes)
    if (n[static_cast<size_t>(o)] > 0)
      out += " " + std::string(emoji(o)) + " " + number(n[static_cast<size_t>(o)]) + " " +
             std::string(to_string(o));
  return out + "\n\n";
}

void matrix(std::string &out, const Run &run, const std::vector<std::string> &ids,
            const std::vector<std::string> &cols) {
  std::map<std::pair<std::string, std::string>, Outcome> cell;
  for (const auto &e : run.entries) {
    const auto key = std::make_pair(e.case_id, e.impl);
    const auto it = cell.find(key);
    cell[key] = it == cell.end() ? e.outcome : worse(it->second, e.outcome);
  }
  out += "| case |";
  for (const auto &c : cols)
    out += " " + md(c) + " |";
  out += "\n| --- |";
  for (size_t i = 0; i < cols.size(); ++i)
    out += " :---: |";
  out += "\n";
  for (const auto &id : ids) {
    out += "| " + md(id) + " |";
    for (const auto &c : cols) {
      const auto it = cell.find({id, c});
      out += " " + (it == cell.end() ? std::string("·") : std::string(emoji(it->second))) + " |";
    }
    out += "\n";
  }
  out += "\n";
  out += "Legend:";
  for (const auto o : kOutcomes)
    out += " " + std::string(emoji(o)) + " " + std::string(to_string(o)) + ",";
  out += " · not run. A cell is the worst class of its entries (variants included).\n\n";
  out += run_level_note(run);
}

void per_implementation(std::string &out, const Run &run, const std::vector<std::string> &cols,
                        size_t budget) {
  std::map<std::string, std::array<size_t, kOutcomeCount>> n;
  for (const auto &e : run.entries)
    if (!e.case_id.empty())
      ++n[e.impl][static_cast<size_t>(e.outcome)];
  out += "| implementation | kind |";
  for (const auto o : kOutcomes)
    out += " " + std::string(emoji(o)) + " " + std::string(to_string(o)) + " |";
  out += "\n| --- | --- |";
  for (size_t i = 0; i < kOutcomeCount; ++i)
    out += " ---: |";
  out += "\n";
  for (size_t i = 0; i < cols.size(); ++i) {
    if (out.size() > budget) {
      out += "\nand " + number(cols.size() - i) + " more implementations\n";
      break;
    }
    const std::string kind = i < run.kinds.size() ? run.kinds[i] : "";
    out += "| " + md(cols[i]) + " | " + md(kind) + " |";
    for (const auto o : kOutcomes)
      out += " " + number(n[cols[i]][static_cast<size_t>(o)]) + " |";
    out += "\n";
  }
  out += "\n" + run_level_note(run);
}

/// One not-ok entry as a collapsible block.
std::string entry_block(const Entry &e) {
  std::string out = "<details><summary>" + std::string(emoji(e.outcome)) + " <code>" +
                    html(case_label(e)) + "</code> · <code>" + html(e.impl) + "</code>";
  if (!e.variant.empty())
    out += " · <code>" + html(e.variant) + "</code>";
  out += "</summary>\n\n";
  if (e.outcome == Outcome::deviation && !e.reason.empty())
    out += "Known deviation: " + md_prose(e.reason, kReasonBytes) + "\n\n";
  if (!e.summary.empty())
    out += md(e.summary, kLineBytes) + "\n\n";
  std::vector<std::string> lines;
  size_t total = 0;
  for (const auto &p : e.parts) {
    if (p.outcome == Outcome::ok)
      continue;
    total += 1 + p.lines.size();
    if (lines.size() < kEntryLines)
      lines.push_back("[" + shown(p.name, kNameBytes) + "] " + std::string(to_string(p.outcome)));
    for (const auto &l : p.lines)
      if (lines.size() < kEntryLines)
        lines.push_back(shown(l, kLineBytes));
  }
  if (total > lines.size())
    lines.push_back("… " + number(total - lines.size()) + " more lines");
  if (!lines.empty())
    out += fenced(lines) + "\n";
  return out + "</details>\n\n";
}

void not_ok(std::string &out, const Run &run, const std::array<size_t, kOutcomeCount> &n) {
  const auto order = listing_order(run.fail_on);
  size_t total = 0;
  for (const auto o : order)
    total += n[static_cast<size_t>(o)];
  if (total == 0)
    return;
  out += "### Entries that are not ok (" + number(total) + ")\n\n";
  size_t listed = 0;
  std::array<size_t, kOutcomeCount> left = n;
  left[static_cast<size_t>(Outcome::ok)] = 0;
  bool stopped = false;
  for (const auto o : order) {
    if (stopped || n[static_cast<size_t>(o)] == 0)
      continue;
    out += "#### " + std::string(emoji(o)) + " " + std::string(to_string(o)) + " (" +
           number(n[static_cast<size_t>(o)]) + ")\n\n";
    for (const auto &e : run.entries) {
      if (e.outcome != o)
        continue;
      if (listed == kListedEntries) {
        stopped = true;
        break;
      }
      std::string block = entry_block(e);
      if (out.size() + block.size() + kReserve > kMarkdownMaxBytes) {
        stopped = true;
        break;
      }
      out += block;
      ++listed;
      --left[static_cast<size_t>(o)];
    }
  }
  if (listed < total)
    out += "… and " + number(total - listed) + " more (" + tally(left, order) +
           "); the JUnit and JSON reports list every entry.\n";
}

} // namespace

std::string to_markdown(const Run &run) {
  const auto n = count(run);
  std::string out;
  title(out, run, n);
  coverage(out, run);
  counts_table(out, run, n);
  const auto ids = rows(run);
  const auto cols = columns(run);
  if (ids.size() <= kMatrixCases && cols.size() <= kMatrixImpls)
    matrix(out, run, ids, cols);
  else
    per_implementation(out, run, cols, kMarkdownMaxBytes / 2);
  not_ok(out, run, n);
  return out;
}

} // namespace harness::report

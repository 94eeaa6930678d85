// sse-harness bless CASE...: rewrite each case's expect from what the implementations give now.
#include <map>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corpus/bless.hpp"
#include "corpus/bless_diff.hpp"
#include "corpus/bless_events.hpp"

namespace harness::cli {

namespace {

namespace fs = std::filesystem;

/// CASE: a case folder, a folder of cases, a case.json, or a case id under the bundled corpus.
Result<std::vector<corpus::CaseRef>> resolve_cases(const std::string &what) {
  std::error_code ec;
  if (fs::is_directory(what, ec))
    return corpus::find_cases({what});
  if (fs::is_regular_file(what, ec) && fs::path(what).filename() == corpus::kCaseFile)
    return corpus::find_cases({fs::path(what).parent_path().empty()
                                   ? std::string(".")
                                   : fs::path(what).parent_path().string()});
  const fs::path under = fs::path(default_corpus_dir()) / what;
  if (fs::is_directory(under, ec))
    return corpus::find_cases({under.string()});
  return Error{what, std::nullopt,
               "no such case folder, folder of cases or case id (case ids are relative to " +
                   default_corpus_dir() + ")"};
}

} // namespace

int cmd_bless(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness bless",
      "Rewrite each case's expect from the current output: expect.default from the tolerant "
      "parser, an entry per implementation whose difference is acknowledged (an existing entry, "
      "refreshed); unacknowledged differences mark the case \"disputed\" (exit 1). SSE-level "
      "cases and cases with an event log also get complete event logs (events.jsonl from whatwg, "
      "events.IMPL.jsonl where IMPL differs); a log an implementation contradicts is never "
      "overwritten but disputed. Prints the change to each file as a diff.");
  options.add_options()
      ("dry-run", "print the diffs and disputes, write nothing")
      ("deviations", "known-deviations file (default: deviations.json of each case's corpus)",
       cxxopts::value<std::string>())
      ("h,help", "show this help")
      ("cases", "case folders, folders of cases or case ids", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"cases"});
  options.positional_help("CASE...");
  auto opts = parse(options, args);
  const char *prefix = "sse-harness bless: ";
  if (!opts.count("cases")) {
    err << prefix << "name at least one case (see sse-harness bless --help)\n";
    return kExitTrouble;
  }
  const bool dry_run = opts.count("dry-run") > 0;

  // Load every case first: a broken one stops the command before anything is written.
  std::vector<corpus::Case> cases;
  std::vector<fs::path> seen;
  for (const auto &what : opts["cases"].as<std::vector<std::string>>()) {
    auto refs = resolve_cases(what);
    if (!refs) {
      err << prefix << refs.error().str() << "\n";
      return kExitTrouble;
    }
    for (auto &ref : *refs) {
      if (std::find(seen.begin(), seen.end(), ref.dir) != seen.end())
        continue;
      seen.push_back(ref.dir);
      auto c = corpus::load_case(ref.dir, ref.id);
      if (!c) {
        err << prefix << c.error().str() << "\n";
        return kExitTrouble;
      }
      cases.push_back(std::move(c.value()));
    }
  }

  std::map<fs::path, std::vector<corpus::Deviation>> deviations;
  auto deviations_for = [&](const corpus::Case &c) -> Result<const std::vector<corpus::Deviation> *> {
    const fs::path path = opts.count("deviations") ? fs::path(opts["deviations"].as<std::string>())
                                                   : corpus::deviations_path_for(c.dir);
    auto it = deviations.find(path);
    if (it == deviations.end()) {
      auto loaded = path.empty() ? Result<std::vector<corpus::Deviation>>(
                                       std::vector<corpus::Deviation>{})
                                 : corpus::load_deviations(path);
      if (!loaded)
        return loaded.error();
      it = deviations.emplace(path, std::move(loaded.value())).first;
    }
    return &it->second;
  };

  size_t rewritten = 0, unchanged = 0, disputed = 0;
  for (const auto &c : cases) {
    auto devs = deviations_for(c);
    if (!devs) {
      err << prefix << devs.error().str() << "\n";
      return kExitTrouble;
    }
    auto blessing = corpus::bless_case(c, **devs);
    if (!blessing) {
      err << prefix << blessing.error().str() << "\n";
      return kExitTrouble;
    }
    for (const auto &note : blessing->kept)
      err << prefix << "note: " << c.id << ": " << note << "\n";
    if (!blessing->changed) {
      ++unchanged;
      out << c.id << ": unchanged\n";
    } else {
      ++rewritten;
      out << c.id << (dry_run ? ": would rewrite expect\n" : ": expect rewritten\n");
      const std::string file = c.id + "/" + corpus::kCaseFile;
      out << corpus::unified_diff(blessing->old_text, blessing->new_text, "a/" + file,
                                  "b/" + file);
      if (!dry_run) {
        if (auto written = corpus::write_blessing(c, *blessing); !written) {
          err << prefix << written.error().str() << "\n";
          return kExitTrouble;
        }
      }
    }
    bool events_disputed = false;
    if (corpus::blesses_event_logs(c)) {
      auto events = corpus::bless_event_logs(c);
      if (!events) {
        err << prefix << events.error().str() << "\n";
        return kExitTrouble;
      }
      for (const auto &w : events->writes) {
        out << c.id << ": " << w.file << (dry_run ? " would be " : " ")
            << (w.created ? "written" : "rewritten") << (w.why.empty() ? "" : " (" + w.why + ")")
            << "\n";
        const std::string file = c.id + "/" + w.file;
        out << corpus::unified_diff(w.old_text, w.new_text, w.created ? "/dev/null" : "a/" + file,
                                    "b/" + file);
      }
      if (!dry_run)
        if (auto written = corpus::write_event_logs(c, *events); !written) {
          err << prefix << written.error().str() << "\n";
          return kExitTrouble;
        }
      for (const auto &d : events->disputes)
        out << "  disputed: " << d.impl << "'s events: " << d.difference << "\n";
      events_disputed = !events->disputes.empty();
    }
    for (const auto &impl : blessing->deviating)
      out << "  " << impl << ": differs; listed in the known deviations\n";
    if (events_disputed && blessing->disputes.empty())
      ++disputed;
    if (!blessing->disputes.empty()) {
      ++disputed;
      for (const auto &d : blessing->disputes) {
        out << "  disputed: " << d.impl << " differs from expect.default (tolerant):\n";
        for (const auto &line : d.differences)
          out << "    " << line << "\n";
      }
    }
  }
  out << cases.size() << (cases.size() == 1 ? " case: " : " cases: ") << rewritten
      << (dry_run ? " to rewrite, " : " rewritten, ") << unchanged << " unchanged, " << disputed
      << " disputed" << (dry_run ? " (dry run: nothing written)" : "") << "\n";
  if (disputed)
    err << prefix << disputed << " case(s) disputed: acknowledge each difference with an "
        << "expect.<impl> entry in case.json or an entry in deviations.json (an event log: fix the "
        << "implementation or the log), then bless again\n";
  return disputed ? kExitFailures : kExitOk;
}

} // namespace harness::cli

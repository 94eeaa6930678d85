// sse-harness merge-reports FILE...: the JSON reports of the N shards of one run joined into that
// run, written in any report format, with the exit code the whole run would have had.
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/reporting.hpp"
#include "report/merge.hpp"
#include "report/report_read.hpp"

namespace harness::cli {

int cmd_merge_reports(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness merge-reports",
      "Join the JSON reports (--report json=FILE) of the N shards of one run (--shard K/N) into "
      "that run and write it in any report format; the exit code is the whole run's.");
  options.add_options()("h,help", "show this help")(
      "files", "the shards' JSON reports", cxxopts::value<std::vector<std::string>>());
  add_report_options(options);
  options.parse_positional({"files"});
  options.positional_help("FILE...");
  auto opts = parse(options, args);
  auto trouble = [&](const Error &e) { return trouble_line(err, "merge-reports", e); };
  if (!opts.count("files"))
    return trouble(Error{"", std::nullopt, "name the shards' JSON reports"});
  const auto files = opts["files"].as<std::vector<std::string>>();
  auto reports = report_options_of(opts);
  if (!reports)
    return trouble(reports.error());
  std::vector<report::Run> shards;
  for (const auto &f : files) {
    auto run = report::read_report(f);
    if (!run)
      return trouble(run.error());
    shards.push_back(std::move(*run));
  }
  auto merged = report::merge_shards(std::move(shards), files);
  if (!merged)
    return trouble(merged.error());
  if (opts.count("fail-on"))
    merged->fail_on = reports->fail_on;
  // The stale known deviations, as the whole run ends with them.
  if (merged->unused_deviations)
    for (const auto &u : *merged->unused_deviations)
      merged->entries.push_back(stale_entry(u));
  const report::TextOptions text{use_colour(out), false};
  if (auto s = write_reports(*merged, *reports, out, text, false); !s)
    return trouble(s.error());
  return report::failing(*merged) ? kExitFailures : kExitOk;
}

} // namespace harness::cli

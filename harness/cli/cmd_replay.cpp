// sse-harness replay FILE|CASE: one implementation, one split spec, the reassembled result, or
// with --events the implementation's event log (JSON Lines, pipeline/event_log.hpp) and then its
// findings.
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "pipeline/replay.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"
#include "report/event_log_json.hpp"
#include "report/result_json.hpp"
#include "report/text.hpp"

namespace harness::cli {

int cmd_replay(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness replay",
                           "Replay one capture or case through one implementation (parser or SDK "
                           "profile) and show what it reassembles.");
  add_impl_option(options, "implementation name (default: tolerant)");
  add_dialect_option(options);
  options.add_options()("split", "whole, bytes:N, drip, random:SEED or every (all must agree)",
                        cxxopts::value<std::string>()->default_value("whole"));
  add_from_option(options);
  options.add_options()
      ("json", "print the result document (schemas/result.schema.json)")
      ("events", "print the events the implementation dispatched, one JSON object per line "
                 "(schemas/event-log.schema.json), then its findings")
      ("h,help", "show this help");
  add_target_option(options);
  auto opts = parse(options, args);
  if (!opts.count("target")) {
    err << "sse-harness replay: name a capture file or a case (see sse-harness replay --help)\n";
    return kExitTrouble;
  }
  const auto from = from_option(opts);
  if (!from) {
    err << "sse-harness replay: " << from.error().str() << "\n";
    return kExitTrouble;
  }
  if (opts.count("events") && opts.count("json")) {
    err << "sse-harness replay: --events and --json print different documents; give one\n";
    return kExitTrouble;
  }
  auto names = impl_names(opts);
  if (names.size() > 1) {
    err << "sse-harness replay: name one implementation, not " << names.size() << "\n";
    return kExitTrouble;
  }
  auto impls = select_implementations(names.empty() ? std::vector<std::string>{"tolerant"} : names);
  if (!impls) {
    err << "sse-harness replay: " << impls.error().str() << "\n";
    return kExitTrouble;
  }
  const auto &impl = *impls->front();
  auto spec = split::parse_spec(opts["split"].as<std::string>());
  if (!spec) {
    err << "sse-harness replay: " << spec.error().str() << "\n";
    return kExitTrouble;
  }
  auto target = resolve_target(opts["target"].as<std::string>(), from.value());
  if (!target) {
    err << "sse-harness replay: " << target.error().str() << "\n";
    return kExitTrouble;
  }
  if (const auto status = apply_dialect_option(opts, *target); !status) {
    err << "sse-harness replay: " << status.error().str() << "\n";
    return kExitTrouble;
  }
  if (!pipeline::handles(impl, target->dialect)) {
    err << "sse-harness replay: " << target->label << ": " << impl.name << " does not handle the "
        << target->dialect << " dialect\n";
    return kExitTrouble;
  }
  const auto stream = target->capture.stream();
  if (spec->every && stream.size() > split::kEveryMaxBytes) {
    err << "sse-harness replay: " << target->label << ": split every checks one split per byte; "
        << stream.size() << " bytes is above the " << split::kEveryMaxBytes
        << "-byte limit (use random:SEED or bytes:N)\n";
    return kExitTrouble;
  }

  // Events are recorded only when asked for: the plain replay pays nothing for them.
  const bool events = opts.count("events") != 0;
  pipeline::LoggedReplay logged;
  if (events)
    logged = pipeline::replay_logged(stream, impl, target->dialect, split::Split{});
  else
    logged.result = pipeline::replay(stream, impl, target->dialect, split::Split{});
  const StreamResult &result = logged.result;
  if (spec->every) {
    // Every split point must make the whole stream's parser calls; name the first that does not.
    const pipeline::ParserTrace whole(stream, impl, split::Split{});
    const pipeline::SplitPoints points = pipeline::check_split_points(stream, impl, whole);
    if (points.failing) {
      err << "sse-harness replay: " << target->label << ": split at:" << points.first
          << " changes the parser's calls (" << points.difference << "); " << points.failing
          << " of " << points.points << " split points do\n";
      return kExitFailures;
    }
  } else if (!(spec->split == split::Split{})) {
    const auto split_run = pipeline::replay_logged(stream, impl, target->dialect, spec->split);
    if (!(split_run.result == result) || !(split_run.events == logged.events)) {
      err << "sse-harness replay: " << target->label << ": split " << spec->split.name()
          << " gives a different " << (split_run.result == result ? "event log" : "result")
          << " than the whole stream (run `sse-harness check` for the difference)\n";
      return kExitFailures;
    }
  }
  if (events) {
    out << report::to_json_lines(logged.events);
    report::write_findings(out, result);
    return kExitOk;
  }

  report::ResultMeta meta{target->the_case ? target->label : "", target->capture.file,
                          std::string(impl.name), target->dialect, spec->text};
  if (opts.count("json")) {
    out << report::to_json(result, true, &meta) << "\n";
    return kExitOk;
  }
  out << (target->the_case ? "case      " : "file      ") << target->label << "\n";
  if (target->capture.format == source::Format::markdown)
    out << "stream    markdown transcript, bytes " << target->capture.stream_begin << ".."
        << target->capture.stream_end << " of " << target->capture.file << "\n";
  out << "impl      " << impl.name << " (" << to_string(impl.kind) << ")\ndialect   "
      << target->dialect << "\nsplit     " << spec->text << "\n";
  report::write_text(out, result);
  return kExitOk;
}

} // namespace harness::cli

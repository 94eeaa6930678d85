// sse-harness clients run|list: real third-party clients against `serve`, one run per case x wire
// option, judged against outcomes derived from the bytes sent (clients/).
#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/deviation_lookup.hpp"
#include "cli/reporting.hpp"
#include "cli/selection.hpp"
#include "clients/runner.hpp"
#include "sse/whole_stream.hpp"

namespace harness::cli {

namespace {

/// The wire options `clients run` uses without --wire: the whole stream under three deliveries,
/// then one of each kind of fault.
/// Default --jobs per core: a run mostly waits (the stall, the pause before a fault, drip's
/// one-byte writes, the client's own round trips): a Node client's run takes ~35 ms of CPU in
/// ~110 ms, so one job per core leaves two thirds of the machine idle. A job is on one client at
/// a time (clients/dispatch.hpp), so it costs one worker process.
constexpr unsigned kJobsPerCore = 3;
/// Default --timeout, seconds: after the clients' own limit (40 s, clients/lib/request.mjs) and
/// the adapters' watchdog (50 s, lib/adapter.mjs), so a slow run is reported, not killed.
constexpr int kTimeoutSeconds = 60;
constexpr const char *kDefaultWires =
    "-,drip,random:3+close,events+delay:2,stall:300,cut-events:2,cut-bytes:100,reset:100,"
    "bad-chunk:100,error-event:1,status:500,status:429";

Result<std::vector<serve::WireOptions>> parse_wires(const std::string &list) {
  std::vector<serve::WireOptions> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    auto w = serve::parse_wire_options(item, serve::WireOptions{});
    if (!w)
      return Error{"--wire", std::nullopt, w.error().message};
    out.push_back(*w);
  }
  if (out.empty())
    return Error{"--wire", std::nullopt, "no wire options given"};
  return out;
}

Result<std::vector<clients::Client>> select_clients(const cxxopts::ParseResult &opts) {
  std::vector<clients::Client> out;
  std::vector<std::string> wanted;
  for (const char *key : {"client", "impl"})
    if (opts.count(key))
      for (const auto &name : opts[key].as<std::vector<std::string>>())
        wanted.push_back(name);
  for (const auto &name : wanted) {
    const auto *c = clients::find_client(name);
    if (!c) {
      std::string known;
      for (const auto &b : clients::builtin_clients())
        known += (known.empty() ? "" : ", ") + b.name;
      return Error{"", std::nullopt, "no client is named '" + name + "' (known: " + known + ")"};
    }
    out.push_back(*c);
  }
  if (opts.count("exec") && opts.count("exec-persistent"))
    return Error{"", std::nullopt, "--exec and --exec-persistent: give one of them"};
  for (const auto &[key, make] : {std::pair{"exec", &clients::exec_client},
                                   std::pair{"exec-persistent", &clients::exec_persistent_client}}) {
    if (!opts.count(key))
      continue;
    auto c = make(opts[key].as<std::string>(), opts["name"].as<std::string>());
    if (!c)
      return c.error();
    out.push_back(std::move(*c));
  }
  if (out.empty() && wanted.empty())
    out.assign(clients::builtin_clients().begin(), clients::builtin_clients().end());
  return out;
}

int clients_list(std::ostream &out) {
  for (const auto &c : clients::builtin_clients()) {
    std::string dialects;
    for (const auto &d : c.dialects)
      dialects += (dialects.empty() ? "" : ",") + d;
    out << c.name << "  " << (dialects.empty() ? "every dialect" : dialects) << "  "
        << c.description << "\n";
  }
  const std::string dir = clients::clients_dir().string();
  out << "adapters: " << dir << " (`bash " << dir << "/install` sets up their npm packages)\n";
  return kExitOk;
}

/// Puts entries added in the order runs finished back in matrix order (case, client, wire option),
/// the order reports list them in: entries[i] is the row at matrix index finished[i].
void in_matrix_order(std::vector<report::Entry> &entries, const std::vector<size_t> &finished) {
  std::vector<report::Entry> sorted(entries.size());
  for (size_t i = 0; i < entries.size(); ++i)
    sorted[finished[i]] = std::move(entries[i]);
  entries = std::move(sorted);
}

} // namespace

int cmd_clients(const Args &args, std::ostream &out, std::ostream &err) {
  const std::string action = args.size() > 2 ? args[2] : "";
  if (action == "list")
    return clients_list(out);
  cxxopts::Options options(
      "sse-harness clients run",
      "Serve the corpus on a loopback port and run real clients against it, once per case x "
      "wire option; each run is judged against the outcome derived from the bytes sent and the "
      "known deviations. `sse-harness clients list` lists the built-in clients.");
  options.add_options()
      ("client", "built-in client (repeatable; default: all, unless --exec or --exec-persistent "
                 "is given)",
       cxxopts::value<std::vector<std::string>>())
      ("impl", "the same as --client", cxxopts::value<std::vector<std::string>>())
      ("exec", "a client command, run without a shell; placeholders {base_url}, {stream_url}, "
               "{events_url}, {case}, {dialect}, {options}, {clients}",
       cxxopts::value<std::string>())
      ("exec-persistent", "a client command started once per job that answers one JSON request "
                          "line per run with one document line (clients/CONTRACT.md)",
       cxxopts::value<std::string>())
      ("one-shot", "run every client one process per run, even those with a persistent form")
      ("name", "the --exec or --exec-persistent client's name (for known deviations)",
       cxxopts::value<std::string>()->default_value("exec"))
      ("wire", "wire options to run each case under, comma-separated",
       cxxopts::value<std::string>()->default_value(kDefaultWires))
      ("timeout", "seconds one run may take before it is killed as hung",
       cxxopts::value<std::string>()->default_value(std::to_string(kTimeoutSeconds)))
      ("jobs", "runs at a time; each job holds one persistent worker at a time (default: "
               "three per core: runs mostly wait)",
       cxxopts::value<std::string>())
      ("deviations", "known-deviations file (default: deviations.json in the corpus folder)",
       cxxopts::value<std::string>())
      ("v,verbose", "also list each passing run")
      ("h,help", "show this help");
  add_selection_options(options);
  add_report_options(options);
  add_case_paths(options);
  if (action != "run" && action != "-h" && action != "--help") {
    err << "sse-harness clients: expected 'run' or 'list' (see sse-harness clients --help)\n";
    return kExitTrouble;
  }
  Args rest(args.begin() + (action == "run" ? 1 : 0), args.end());
  auto opts = parse(options, rest);
  auto trouble = [&](const Error &e) { return trouble_line(err, "clients run", e); };
  clients::RunOptions ro;
  auto chosen = select_clients(opts);
  if (!chosen)
    return trouble(chosen.error());
  ro.clients = std::move(*chosen);
  auto wires = parse_wires(opts["wire"].as<std::string>());
  if (!wires)
    return trouble(wires.error());
  ro.wires = std::move(*wires);
  const auto timeout = number_option(opts, "timeout", 1, 3600, kTimeoutSeconds, "seconds");
  if (!timeout)
    return trouble(timeout.error());
  ro.timeout = std::chrono::seconds(*timeout);
  const auto jobs = number_option(opts, "jobs", 1, 256,
                                  std::clamp(kJobsPerCore * std::thread::hardware_concurrency(), 1u, 256u));
  if (!jobs)
    return trouble(jobs.error());
  ro.jobs = static_cast<unsigned>(*jobs);
  ro.persistent = opts.count("one-shot") == 0;
  auto setup = run_setup(opts, true);
  if (!setup)
    return trouble(setup.error());
  const auto &cases = setup->cases;
  const auto *selection = &setup->selection;
  const auto *reports = &setup->reports;
  const std::string deviations_file = deviations_file_for(opts);
  std::vector<std::string> names;
  for (const auto &c : ro.clients)
    names.push_back(c.name);
  auto deviations = load_deviation_lookup(deviations_file, names);
  if (!deviations)
    return trouble(deviations.error());

  // The runs there will be: a wire option whose plan does not fit a case is skipped.
  size_t runs = 0;
  for (const auto &c : cases) {
    const auto starts = sse::event_offsets(c.capture.stream());
    size_t fit = 0;
    for (const auto &w : ro.wires)
      fit += serve::plan(c.capture.stream(), starts, c.dialect, w, c.timing) &&
                     clients::applies(c.dialect, w)
                 ? 1
                 : 0;
    for (const auto &client : ro.clients)
      runs += clients::speaks(client, c.dialect) ? fit : 0;
  }
  if (selection->list) {
    for (const auto &c : cases) {
      out << c.id << "  " << c.dialect << " ";
      for (const auto &client : ro.clients)
        if (clients::speaks(client, c.dialect))
          out << " " << client.name;
      out << "\n";
    }
    out << cases.size() << " cases, " << runs << " runs (" << ro.wires.size()
        << " wire options per case x client, less those that do not fit a case)\n";
    return kExitOk;
  }

  auto run = setup->start("clients run");
  for (const auto &c : ro.clients) {
    run.implementations.push_back(c.name);
    run.kinds.emplace_back("client");
  }
  for (const auto &c : cases)
    run.cases.push_back(case_info(c));
  run.totals = std::to_string(cases.size()) + " cases x " + std::to_string(ro.clients.size()) +
               " clients x " + std::to_string(ro.wires.size()) + " wire options";

  const report::TextOptions text{use_colour(out), opts.count("verbose") > 0};
  const bool stream_text = reports->text_to_stdout();
  report::Progress progress(err, reports->progress, stderr_is_tty(), "sse-harness clients run",
                            "runs", runs);
  const auto t0 = std::chrono::steady_clock::now();
  size_t failing = 0;
  std::vector<size_t> finished; // run.entries[i] is the row at matrix index finished[i]
  auto summary = clients::run_matrix(cases, ro, deviations->lookup,
                                     [&](size_t index, const clients::RunRow &r) {
                                       finished.push_back(index);
                                       deviations->deviated(r.judged.row.deviated);
                                       auto e = entry_of(r.judged.row, r.case_id, "client");
                                       e.summary = r.judged.summary;
                                       e.seconds = static_cast<double>(r.elapsed.count()) / 1000;
                                       add_entry(run, std::move(e), stream_text, out, text,
                                                 progress, failing);
                                       progress.step(failing);
                                     });
  progress.finish();
  if (!summary)
    return trouble(summary.error());
  in_matrix_order(run.entries, finished);
  if (summary->skipped)
    run.totals += ", " + std::to_string(summary->skipped) + " not applicable";
  auto ran = [&](std::string_view impl) {
    return std::any_of(ro.clients.begin(), ro.clients.end(),
                       [&](const auto &c) { return c.name == impl; });
  };
  // Every built-in client under the default wire options is the whole matrix of clients.
  const bool every_client = !opts.count("client") && !opts.count("impl") && !opts.count("exec") &&
                            !opts.count("exec-persistent") && !opts.count("wire");
  settle_unused_deviations(deviations->unused(true, ran),
                           every_client && covers_corpus(opts, deviations_file), *selection, run,
                           {out, text, stream_text}, err, "clients run");
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (auto s = write_reports(run, *reports, out, text, stream_text); !s)
    return trouble(s.error());
  return report::failing(run) ? kExitFailures : kExitOk;
}

} // namespace harness::cli

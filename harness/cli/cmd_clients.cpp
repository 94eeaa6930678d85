// sse-harness clients run|list: real third-party clients against `serve`, one run per case x wire
// option, judged against outcomes derived from the bytes sent (clients/).
#include <algorithm>
#include <array>
#include <iomanip>
#include <map>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/deviation_lookup.hpp"
#include "clients/runner.hpp"

namespace harness::cli {

namespace {

/// The wire options `clients run` uses without --wire: the whole stream under three deliveries,
/// then one of each kind of fault.
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
  if (opts.count("client"))
    for (const auto &name : opts["client"].as<std::vector<std::string>>()) {
      const auto *c = clients::find_client(name);
      if (!c) {
        std::string known;
        for (const auto &b : clients::builtin_clients())
          known += (known.empty() ? "" : ", ") + b.name;
        return Error{"", std::nullopt, "no client is named '" + name + "' (known: " + known + ")"};
      }
      out.push_back(*c);
    }
  if (opts.count("exec")) {
    auto c = clients::exec_client(opts["exec"].as<std::string>(),
                                  opts["name"].as<std::string>());
    if (!c)
      return c.error();
    out.push_back(std::move(*c));
  }
  if (out.empty() && !opts.count("client"))
    out.assign(clients::builtin_clients().begin(), clients::builtin_clients().end());
  return out;
}

void print_row(std::ostream &out, const clients::RunRow &r, bool colour, bool verbose) {
  const auto &row = r.judged.row;
  if (row.outcome == check::Outcome::ok && !verbose)
    return;
  out << outcome_label(row.outcome, colour) << "  " << r.case_id << "  " << row.impl << "  "
      << r.wire << "  (" << r.judged.summary << ", " << r.elapsed.count() << " ms)\n";
  if (row.outcome == check::Outcome::deviation)
    out << "      known: " << row.reason << "\n";
  for (const auto &line : row.lines)
    out << "      " << line << "\n";
}

/// Cases down, clients across; each cell counts the runs by outcome ("12" all passed, else e.g.
/// "9 2D 1F").
void print_matrix(std::ostream &out, const clients::RunSummary &s,
                  const std::vector<clients::Client> &clients) {
  std::vector<std::string> case_order;
  std::map<std::pair<std::string, std::string>, std::array<size_t, kOutcomeCount>> cells;
  for (const auto &r : s.rows) {
    if (case_order.empty() || case_order.back() != r.case_id)
      case_order.push_back(r.case_id);
    ++cells[{r.case_id, r.judged.row.impl}][static_cast<size_t>(r.judged.row.outcome)];
  }
  size_t width = 4;
  for (const auto &c : case_order)
    width = std::max(width, c.size());
  out << "\n" << std::left << std::setw(static_cast<int>(width)) << "case";
  for (const auto &c : clients)
    out << "  " << std::setw(static_cast<int>(std::max<size_t>(c.name.size(), 9))) << c.name;
  out << "\n";
  for (const auto &id : case_order) {
    out << std::setw(static_cast<int>(width)) << id;
    for (const auto &c : clients) {
      std::string cell = "-";
      if (auto it = cells.find({id, c.name}); it != cells.end()) {
        const auto &n = it->second;
        cell = std::to_string(n[0]);
        const char *tag[] = {"", "N", "I", "D", "?", "F", "E"};
        for (size_t k = 1; k < kOutcomeCount; ++k)
          if (n[k])
            cell += " " + std::to_string(n[k]) + tag[k];
      }
      out << "  " << std::setw(static_cast<int>(std::max<size_t>(c.name.size(), 9))) << cell;
    }
    out << "\n";
  }
  out << std::right;
}

int clients_list(std::ostream &out) {
  for (const auto &c : clients::builtin_clients()) {
    std::string dialects;
    for (const auto &d : c.dialects)
      dialects += (dialects.empty() ? "" : ",") + d;
    out << c.name << "  " << (dialects.empty() ? "every dialect" : dialects) << "  "
        << c.description << "\n";
  }
  return kExitOk;
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
      ("client", "built-in client (repeatable; default: all, unless --exec is given)",
       cxxopts::value<std::vector<std::string>>())
      ("exec", "a client command, run without a shell; placeholders {base_url}, {stream_url}, "
               "{events_url}, {case}, {dialect}, {options}, {clients}",
       cxxopts::value<std::string>())
      ("name", "the --exec client's name (for known deviations)",
       cxxopts::value<std::string>()->default_value("exec"))
      ("wire", "wire options to run each case under, comma-separated (default: " +
                   std::string(kDefaultWires) + ")",
       cxxopts::value<std::string>()->default_value(kDefaultWires))
      ("timeout", "seconds one run may take before it is killed as hung",
       cxxopts::value<unsigned>()->default_value("30"))
      ("jobs", "runs at a time", cxxopts::value<unsigned>()->default_value("2"))
      ("deviations", "known-deviations file (default: deviations.json in the corpus folder)",
       cxxopts::value<std::string>())
      ("v,verbose", "also list each passing run")
      ("h,help", "show this help");
  add_case_paths(options);
  if (action != "run" && action != "-h" && action != "--help") {
    err << "sse-harness clients: expected 'run' or 'list' (see sse-harness clients --help)\n";
    return kExitTrouble;
  }
  Args rest(args.begin() + (action == "run" ? 1 : 0), args.end());
  auto opts = parse(options, rest);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }
  auto trouble = [&](const Error &e) {
    err << "sse-harness clients run: " << e.str() << "\n";
    return kExitTrouble;
  };
  clients::RunOptions ro;
  auto chosen = select_clients(opts);
  if (!chosen)
    return trouble(chosen.error());
  ro.clients = std::move(*chosen);
  auto wires = parse_wires(opts["wire"].as<std::string>());
  if (!wires)
    return trouble(wires.error());
  ro.wires = std::move(*wires);
  ro.timeout = std::chrono::seconds(std::max(1u, opts["timeout"].as<unsigned>()));
  ro.jobs = std::max(1u, opts["jobs"].as<unsigned>());
  auto cases = discover_case_paths(opts);
  if (!cases)
    return trouble(cases.error());
  const std::string deviations_file = deviations_file_for(opts);
  std::vector<std::string> names;
  for (const auto &c : ro.clients)
    names.push_back(c.name);
  auto deviations = load_deviation_lookup(deviations_file, names);
  if (!deviations)
    return trouble(deviations.error());

  const bool colour = use_colour(out);
  const bool verbose = opts.count("verbose") > 0;
  auto summary = clients::run_matrix(*cases, ro, deviations->lookup,
                                     [&](const clients::RunRow &r) {
                                       deviations->deviated(r.judged.row.deviated);
                                       print_row(out, r, colour, verbose);
                                       out.flush();
                                     });
  if (!summary)
    return trouble(summary.error());
  print_matrix(out, *summary, ro.clients);
  auto ran = [&](std::string_view impl) {
    return std::any_of(ro.clients.begin(), ro.clients.end(),
                       [&](const auto &c) { return c.name == impl; });
  };
  for (const auto &line : deviations->stale(true, ran))
    err << "sse-harness clients run: note: " << line << "\n";
  size_t counts[kOutcomeCount] = {};
  for (const auto &r : summary->rows)
    ++counts[static_cast<size_t>(r.judged.row.outcome)];
  out << summary->rows.size() << " runs (" << cases->size() << " cases x " << ro.clients.size()
      << " clients x " << ro.wires.size() << " wire options, " << summary->skipped
      << " not applicable): " << counts[0] << " passed, " << counts[3] << " known deviations, "
      << counts[5] << " failed, " << counts[6] << " errors\n";
  return counts[5] + counts[6] ? kExitFailures : kExitOk;
}

} // namespace harness::cli

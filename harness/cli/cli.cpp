#include "cli/cli.hpp"

#include <exception>

#include "cli/commands.hpp"
#include "cli/common.hpp"

#ifndef SSEH_VERSION
#define SSEH_VERSION "unknown"
#endif

namespace harness::cli {

namespace {

struct Command {
  const char *name;
  const char *summary;
  int (*run)(const Args &, std::ostream &, std::ostream &);
};

constexpr Command kCommands[] = {
    {"check", "replay every case x implementation x split and compare with the expected results",
     cmd_check},
    {"lint", "judge one capture as a producer: findings with byte offsets", cmd_lint},
    {"rules", "print the rule catalog: every check's id, layer, severity, reference", cmd_rules},
    {"list", "list the implementations and the corpus cases", cmd_list},
    {"replay", "replay one capture or case and show the reassembled result", cmd_replay},
    {"bench", "measure framing, JSON and full-pipeline throughput", cmd_bench},
    {"import", "import a capture (raw, markdown, HAR, JSON Lines) as a new case", cmd_import},
    {"bless", "rewrite cases' expectations from the current output; flag disputes", cmd_bless},
    {"serve", "serve the cases over HTTP/1.1 to real clients, byte for byte", cmd_serve},
    {"clients", "run real clients (SDKs, EventSource, curl) against serve and judge them",
     cmd_clients},
    {"record", "proxy one request upstream and store the response as a new case", cmd_record},
    {"fuzz-seeds", "write the corpus as fuzzer seeds, a dictionary and options", cmd_fuzz_seeds},
    {"fuzz-run", "run a fuzz target over inputs in-process (what fuzz/ binaries run)", cmd_fuzz_run},
    {"import-crash", "turn a crashing fuzz input into a minimized regression case", cmd_import_crash},
    {"merge-reports", "join the JSON reports of a run's shards into that run, in any format",
     cmd_merge_reports},
};

void usage(std::ostream &out) {
  out << "usage: sse-harness <command> [options]\n\n"
         "Replays captured Server-Sent-Events streams from LLM APIs through pluggable parsers,\n"
         "under every way the bytes can be split, and checks the reassembled result.\n\ncommands:\n";
  for (const auto &c : kCommands)
    out << "  " << c.name << std::string(14 - std::string_view(c.name).size(), ' ') << c.summary
        << "\n";
  out << "\n`sse-harness <command> --help` shows a command's options.\n"
         "exit codes: 0 all as expected, 1 conformance failures, 2 usage or I/O trouble\n";
}

} // namespace

int run(const std::vector<std::string> &args, std::ostream &out, std::ostream &err) {
  if (args.size() < 2) {
    usage(err);
    return kExitTrouble;
  }
  const std::string &sub = args[1];
  if (sub == "-h" || sub == "--help" || sub == "help") {
    usage(out);
    return kExitOk;
  }
  if (sub == "--version" || sub == "-V") {
    out << "sse-harness " << SSEH_VERSION << "\n";
    return kExitOk;
  }
  for (const auto &c : kCommands) {
    if (sub != c.name)
      continue;
    try {
      return c.run(args, out, err);
    } catch (const HelpShown &help) {
      out << help.text;
      return kExitOk;
    } catch (const std::exception &e) {
      // cxxopts reports unknown options and bad values by throwing; so could std::bad_alloc.
      err << "sse-harness " << sub << ": " << e.what() << " (see sse-harness " << sub
          << " --help)\n";
      return kExitTrouble;
    }
  }
  err << "sse-harness: unknown command '" << sub << "' (see sse-harness --help)\n";
  return kExitTrouble;
}

} // namespace harness::cli

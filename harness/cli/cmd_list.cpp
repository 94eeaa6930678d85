// sse-harness list [PATH...]: the parsers in the registry and the cases found.
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace harness::cli {

int cmd_list(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness list", "List the parsers under test and the corpus cases.");
  options.add_options()
      ("h,help", "show this help");
  add_case_paths(options);
  auto opts = parse(options, args);
  auto cases = discover_case_paths(opts);
  if (!cases) {
    err << "sse-harness list: " << cases.error().str() << "\n";
    return kExitTrouble;
  }
  out << "implementations:\n";
  for (const auto &p : pipeline::implementations())
    out << "  " << p.name << std::string(p.name.size() < 14 ? 14 - p.name.size() : 1, ' ')
        << to_string(p.kind) << "  " << p.description << "\n";
  out << "cases:\n";
  for (const auto &c : *cases)
    out << "  " << c.id << "  [" << c.dialect << "]  " << c.title << "\n";
  return kExitOk;
}

} // namespace harness::cli

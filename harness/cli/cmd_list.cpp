// sse-harness list [PATH...]: the parsers in the registry and the cases found.
#include <algorithm>

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
  size_t width = 0; // the names in one column, two spaces after the longest
  for (const auto &p : pipeline::implementations())
    width = std::max(width, p.name.size() + 2);
  for (const auto &p : pipeline::implementations())
    out << "  " << p.name << std::string(width - p.name.size(), ' ') << to_string(p.kind) << "  "
        << p.description << "\n";
  out << "cases:\n";
  for (const auto &c : *cases)
    out << "  " << c.id << "  [" << c.dialect << "]  " << c.title << "\n";
  return kExitOk;
}

} // namespace harness::cli

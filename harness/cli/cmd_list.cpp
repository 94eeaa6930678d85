// sse-harness list [PATH...]: the parsers in the registry and the cases found.
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace harness::cli {

int cmd_list(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness list", "List the parsers under test and the corpus cases.");
  options.add_options()
      ("h,help", "show this help")
      ("paths", "case folders or folders of cases (default: the bundled corpus)",
       cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"paths"});
  options.positional_help("[PATH...]");
  auto opts = parse(options, args);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }
  const auto paths = opts.count("paths") ? opts["paths"].as<std::vector<std::string>>()
                                         : std::vector<std::string>{default_corpus_dir()};
  auto cases = corpus::discover(paths);
  if (!cases) {
    err << "sse-harness list: " << cases.error().str() << "\n";
    return kExitTrouble;
  }
  out << "parsers:\n";
  for (const auto &p : sse::parsers())
    out << "  " << p.name << std::string(p.name.size() < 10 ? 10 - p.name.size() : 1, ' ')
        << p.description << "\n";
  out << "cases:\n";
  for (const auto &c : *cases)
    out << "  " << c.id << "  " << c.title << "\n";
  return kExitOk;
}

} // namespace harness::cli

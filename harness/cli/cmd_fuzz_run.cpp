// sse-harness fuzz-run --target NAME PATH...: a fuzz target in-process over files and folders.
// The same code the fuzz/ executables run; import-crash spawns it as the reproducer, so a violated
// property ends the process by SIGABRT (fuzz/targets.hpp), never by an exit code.
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "fuzz/replay_inputs.hpp"
#include "fuzz/targets.hpp"
#include "source/read_file.hpp"

#include <chrono>

namespace harness::cli {

int cmd_fuzz_run(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness fuzz-run",
                           "Run a fuzz target over input files and folders (recursively, sorted).\n"
                           "A violated property aborts the process (SIGABRT) after one line on "
                           "stderr; otherwise exit 0.");
  options.add_options()
      ("target", "fuzz target to run (see --list)", cxxopts::value<std::string>())
      ("list", "list the fuzz targets and exit")
      ("paths", "input files and folders", cxxopts::value<std::vector<std::string>>())
      ("h,help", "show this help");
  options.parse_positional({"paths"});
  options.positional_help("PATH...");
  const auto opts = parse(options, args, "\n");
  if (opts.count("list")) {
    for (const auto &t : fuzz::targets())
      out << t.name << std::string(28 - std::min<size_t>(27, t.name.size()), ' ')
          << t.description << "\n";
    return kExitOk;
  }
  if (!opts.count("target")) {
    err << "sse-harness fuzz-run: --target NAME is required (known: " << fuzz::target_names()
        << ")\n";
    return kExitTrouble;
  }
  const std::string name = opts["target"].as<std::string>();
  const fuzz::Target *target = fuzz::find_target(name);
  if (!target) {
    err << "sse-harness fuzz-run: unknown target '" << name << "' (known: " << fuzz::target_names()
        << ")\n";
    return kExitTrouble;
  }
  if (!opts.count("paths")) {
    err << "sse-harness fuzz-run: no input files or folders named\n";
    return kExitTrouble;
  }
  auto files = fuzz::input_files(opts["paths"].as<std::vector<std::string>>());
  if (!files) {
    err << "sse-harness fuzz-run: " << files.error().str() << "\n";
    return kExitTrouble;
  }
  const auto start = std::chrono::steady_clock::now();
  uint64_t bytes = 0;
  for (const std::string &file : *files) {
    auto input = source::read_file(file);
    if (!input) {
      err << "sse-harness fuzz-run: " << input.error().str() << "\n";
      return kExitTrouble;
    }
    bytes += input->size();
    fuzz::run_target(*target, *input);
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  out << name << ": replayed " << files->size() << " inputs (" << bytes << " bytes) in " << ms
      << " ms\n";
  return kExitOk;
}

} // namespace harness::cli

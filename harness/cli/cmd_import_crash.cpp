// sse-harness import-crash FILE --case NAME: a crashing fuzz input as a minimized regression case
// under <corpus>/regress/NAME (fuzz/minimize.hpp, fuzz/crash_case.hpp).
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "fuzz/crash_case.hpp"
#include "fuzz/crash_repro.hpp"
#include "fuzz/minimize.hpp"
#include "fuzz/seeds.hpp"
#include "fuzz/split_encoding.hpp"
#include "fuzz/targets.hpp"
#include "source/read_file.hpp"

namespace harness::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char *kPrefix = "sse-harness import-crash: ";

/// This program, for the default reproducer `sse-harness fuzz-run --target T {}`.
std::string self_path() {
  std::error_code ec;
  const fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("/proc/self/exe") : p.string();
}

std::string describe(const fuzz::SplitInput &in) {
  if (in.lengths.empty())
    return "fed whole";
  std::string out = "fed as feeds:";
  for (size_t i = 0; i < in.lengths.size(); ++i)
    out += (i ? "," : "") + std::to_string(in.lengths[i]);
  return out;
}

} // namespace

int cmd_import_crash(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness import-crash",
      "Turn a crashing fuzz input into a minimized regression case under <corpus>/regress/NAME. "
      "The input is run by a reproducer (default: sse-harness fuzz-run --target T {}); a run "
      "reproduces when it ends by a signal, times out or exits non-zero, and minimization keeps "
      "only smaller inputs that fail the same way (same ending and first sanitizer/property line "
      "of stderr). An input that still reproduces is stored with expectations pending (bless it "
      "after the fix); one that does not is stored as found and blessed.");
  options.add_options()
      ("case", "the new case's name under regress/ (e.g. whatwg-cr-split)",
       cxxopts::value<std::string>())
      ("target", "the fuzz target the input crashed (see fuzz-run --list); required unless "
                 "--exec is given, then only a label", cxxopts::value<std::string>())
      ("exec", "the reproducer instead of fuzz-run: a command split on spaces (no quotes, no "
               "shell), {} standing for the input file, e.g. 'build-fuzz/fuzz/fuzz-pipeline {}'",
       cxxopts::value<std::string>())
      ("corpus", "the corpus folder (default: the bundled corpus)", cxxopts::value<std::string>())
      ("timeout", "seconds one run may take; a run past it counts as a hang (default 10)",
       cxxopts::value<std::string>())
      ("max-runs", "most reproducer runs spent minimizing (default 2000)",
       cxxopts::value<std::string>())
      ("no-minimize", "store the input as it is")
      ("force", "replace an existing case of that name")
      ("h,help", "show this help")
      ("file", "the crashing input", cxxopts::value<std::string>());
  options.parse_positional({"file"});
  options.positional_help("FILE --case NAME");
  auto opts = parse(options, args);
  if (!opts.count("file") || !opts.count("case")) {
    err << kPrefix << "name a crashing input and --case NAME (see sse-harness import-crash --help)\n";
    return kExitTrouble;
  }
  const std::string file = opts["file"].as<std::string>();
  const std::string name = opts["case"].as<std::string>();
  const std::string target = opts.count("target") ? opts["target"].as<std::string>() : "";
  const bool exec = opts.count("exec") > 0;
  if (!exec && target.empty()) {
    err << kPrefix << "name the fuzz target with --target T, or a reproducer with --exec 'CMD {}'\n";
    return kExitTrouble;
  }
  if (!exec && !fuzz::find_target(target)) {
    err << kPrefix << "unknown fuzz target '" << target << "' (known: " << fuzz::target_names()
        << ")\n";
    return kExitTrouble;
  }
  const auto timeout_option = number_option(opts, "timeout", 1, 86400, 10, "seconds");
  const auto runs = number_option(opts, "max-runs", 0, 1000000, 2000);
  for (const auto *n : {&timeout_option, &runs})
    if (!*n) {
      err << kPrefix << n->error().str() << "\n";
      return kExitTrouble;
    }
  const uint64_t timeout_s = *timeout_option, max_runs = *runs;
  const std::chrono::milliseconds timeout(timeout_s * 1000);

  std::vector<std::string> argv{self_path(), "fuzz-run", "--target", target, "{}"};
  std::string command = "sse-harness fuzz-run --target " + target + " {}";
  if (exec) {
    auto parsed = fuzz::parse_exec(opts["exec"].as<std::string>());
    if (!parsed) {
      err << kPrefix << parsed.error().str() << "\n";
      return kExitTrouble;
    }
    argv = std::move(parsed.value());
    command.clear();
    for (const auto &w : argv)
      command += (command.empty() ? "" : " ") + w;
  }

  Result<std::string> bytes = source::read_file(file);
  if (!bytes) {
    err << kPrefix << bytes.error().str() << "\n";
    return kExitTrouble;
  }
  if (bytes->empty()) {
    err << kPrefix << file << ": empty file: nothing to import\n";
    return kExitTrouble;
  }
  const std::string corpus_dir =
      opts.count("corpus") ? opts["corpus"].as<std::string>() : default_corpus_dir();
  const bool force = opts.count("force") > 0;
  if (Status s = corpus::check_case_name(name); !s) {
    err << kPrefix << s.error().str() << "\n";
    return kExitTrouble;
  }
  if (auto t = corpus::check_case_target(fuzz::crash_case_name(name), corpus_dir, force); !t) {
    err << kPrefix << t.error().str() << "\n";
    return kExitTrouble;
  }
  if (fuzz::decode_split(*bytes).stream.empty()) {
    err << kPrefix << file << ": no stream bytes after the split header: nothing to import\n";
    return kExitTrouble;
  }

  auto repro = fuzz::Reproducer::make(argv, timeout);
  if (!repro) {
    err << kPrefix << repro.error().str() << "\n";
    return kExitTrouble;
  }
  auto first = repro->run(*bytes);
  if (!first) {
    err << kPrefix << first.error().str() << "\n";
    return kExitTrouble;
  }
  fuzz::CrashImport ci;
  ci.case_name = name;
  ci.corpus_dir = corpus_dir;
  ci.force = force;
  ci.source_name = fs::path(file).filename().string();
  ci.source_sha1 = fuzz::sha1_hex(*bytes);
  ci.target = target;
  ci.command = command;
  ci.signature = fuzz::signature_of(*first);
  ci.original_size = bytes->size();
  ci.input = *bytes;
  ci.runs = 1;
  // Detecting the dialect and blessing replay the stream several times: more than one run's time.
  ci.timeout = std::max(timeout * 6, std::chrono::milliseconds(60000));

  if (!ci.signature) {
    err << kPrefix << file << " did not reproduce with `" << command
        << "` (exit 0): stored as found, not minimized\n";
  } else if (!opts.count("no-minimize")) {
    err << kPrefix << "reproduced (" << ci.signature->str() << "); minimizing, at most "
        << max_runs << " runs\n";
    const fuzz::Signature want = *ci.signature;
    auto same_failure = [&](std::string_view candidate) {
      auto o = repro->run(candidate);
      if (!o)
        return false;
      auto sig = fuzz::signature_of(*o);
      return sig && *sig == want;
    };
    fuzz::Minimized m = fuzz::minimize(*bytes, same_failure, static_cast<size_t>(max_runs));
    ci.input = std::move(m.input);
    ci.minimized = true;
    ci.runs += m.runs;
    ci.exhausted = m.exhausted;
  }

  auto written = fuzz::write_crash_case(ci);
  if (!written) {
    err << kPrefix << written.error().str() << "\n";
    return kExitTrouble;
  }
  for (const auto &note : written->notes)
    err << kPrefix << "note: " << note << "\n";

  const std::string id = written->written.case_id;
  if (ci.signature)
    out << "reproduced: " << ci.signature->str() << "\n";
  else
    out << "not reproduced: `" << command << "` exited 0\n";
  out << (ci.minimized ? "minimized: " : "stored as found: ") << ci.original_size << " -> "
      << ci.input.size() << " bytes, " << ci.runs << (ci.runs == 1 ? " run" : " runs")
      << (ci.exhausted ? " (run budget exhausted)" : "") << ", "
      << describe(fuzz::decode_split(ci.input)) << "\n";
  out << "case: " << id << " (" << written->written.dir.string() << ", stream "
      << written->stream_file << " " << written->stream_size << " bytes, " << written->dialect
      << (written->splits.empty() ? "" : ", splits " + written->splits.front()) << ")\n";
  if (!written->written.blessed) {
    out << "expectations: pending: `check` fails on this case until the bug is fixed and "
        << "`sse-harness bless " << id << "` is run\n";
    return kExitOk;
  }
  const auto &b = written->written.blessing;
  out << "expectations: blessed from the current output (" << b.reference.events
      << (b.reference.events == 1 ? " event" : " events") << ")\n";
  for (const auto &d : b.disputes) {
    out << "  disputed: " << d.impl << " differs from expect.default (tolerant):\n";
    for (const auto &line : d.differences)
      out << "    " << line << "\n";
  }
  if (!b.disputes.empty()) {
    err << kPrefix << id << " was written with \"disputed\" set: `check` fails for "
        << b.disputes.size() << " implementation(s) until an expect entry or a known deviation "
        << "acknowledges the difference (then run `sse-harness bless`)\n";
    return kExitFailures;
  }
  return kExitOk;
}

} // namespace harness::cli

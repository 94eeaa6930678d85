// sse-harness fuzz-seeds [PATH...] -o DIR [--target NAME] [--no-zip]: the corpus as fuzzer seeds,
// a dictionary and OSS-Fuzz options (fuzz/seeds.hpp says what is written where).
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "fuzz/seeds.hpp"
#include "fuzz/seeds_path.hpp"

namespace harness::cli {

int cmd_fuzz_seeds(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness fuzz-seeds",
      "Write the cases as fuzzer seeds for libFuzzer, AFL++ and OSS-Fuzz: DIR/NAME/ holds one file "
      "per distinct seed named by its SHA-1 (every stream, its metamorphic variants, and the "
      "stream split-encoded with feed lengths drip, 2, 3, 7 and a random cycle), DIR/NAME.dict a "
      "dictionary (SSE tokens, event types, JSON keys and short values from the corpus), "
      "DIR/NAME.options the OSS-Fuzz options, and DIR/NAME_seed_corpus.zip the seeds when zip is "
      "in PATH. DIR/NAME is replaced whole: a re-run leaves exactly the new seeds.");
  options.add_options()
      ("o,output", "output folder DIR (created when missing; required)",
       cxxopts::value<std::string>())
      ("target", "fuzz target name NAME used in the file names ([A-Za-z0-9_.-], at most 64)",
       cxxopts::value<std::string>()->default_value("sse"))
      ("no-zip", "do not write NAME_seed_corpus.zip (one from an earlier export is removed)")
      ("h,help", "show this help");
  add_case_paths(options);
  auto opts = parse(options, args);
  auto trouble = [&](const Error &e) { return trouble_line(err, "fuzz-seeds", e); };
  if (!opts.count("output"))
    return trouble(Error{"", std::nullopt, "-o DIR is required (the folder the seeds go to)"});
  fuzz::SeedOptions seed_options;
  seed_options.out_dir = opts["output"].as<std::string>();
  seed_options.target = opts["target"].as<std::string>();
  seed_options.zip = !opts.count("no-zip");
  if (seed_options.out_dir.empty())
    return trouble(Error{"-o", std::nullopt, "names no folder"});
  if (!fuzz::valid_target_name(seed_options.target))
    return trouble(Error{"--target", std::nullopt,
                         "'" + seed_options.target +
                             "' is not 1 to 64 characters from A-Z a-z 0-9 _ . - starting with a "
                             "letter or digit"});
  const auto paths = opts.count("paths") ? opts["paths"].as<std::vector<std::string>>()
                                         : std::vector<std::string>{default_corpus_dir()};
  // Seeds written into the corpus would be read back as (broken) cases by the next check.
  for (const auto &p : paths)
    if (fuzz::path_within(seed_options.out_dir, p))
      return trouble(
          Error{seed_options.out_dir.string(), std::nullopt,
                "is inside the corpus folder " + p + "; choose an output folder outside it"});

  auto cases = corpus::discover(paths);
  if (!cases)
    return trouble(cases.error());
  auto ex = fuzz::export_seeds(*cases, seed_options);
  if (!ex)
    return trouble(ex.error());

  const auto &c = ex->counts;
  out << "wrote " << ex->seeds << " seeds to " << ex->seed_dir.string() << " (" << c.streams
      << " streams, " << c.variants << " variants, " << c.split_encoded << " split-encoded; "
      << c.duplicates << " duplicates dropped)\n";
  out << "wrote " << ex->dict_file.string() << " (" << ex->dict_entries << " entries)\n";
  out << "wrote " << ex->options_file.string() << " (max_len = " << ex->max_len << ")\n";
  switch (ex->zip) {
  case fuzz::ZipOutcome::written:
    out << "wrote " << ex->zip_file.string() << " (" << ex->seeds << " files)\n";
    break;
  case fuzz::ZipOutcome::disabled:
  case fuzz::ZipOutcome::not_found:
    out << "zip skipped: "
        << (ex->zip == fuzz::ZipOutcome::disabled ? "--no-zip" : "zip not found in PATH");
    if (ex->stale_zip_removed)
      out << "; removed " << ex->zip_file.string() << " from an earlier export";
    out << "\n";
    break;
  }
  return kExitOk;
}

} // namespace harness::cli

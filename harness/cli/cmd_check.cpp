// sse-harness check [PATH...]: every case x every implementation x every split (and, with
// --variants, every metamorphic variant), against the expectations and the known deviations.
#include <algorithm>

#include "check/case_check.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/deviation_lookup.hpp"
#include "corpus/bless.hpp"

namespace harness::cli {

namespace {

/// The splits each metamorphic variant is replayed under: enough to catch a variant that only
/// breaks when a line end is cut, without the cost of `every` on seven variants.
std::vector<split::Split> variant_splits() {
  return {split::Split{}, split::Split{split::Split::Kind::bytes, 1},
          split::Split{split::Split::Kind::random, 1}};
}

} // namespace

int cmd_check(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness check",
                           "Replay every case through every implementation (parsers and SDK "
                           "profiles) under every split and compare with the case's expected "
                           "results and the known deviations.");
  options.add_options()
      ("split", "split spec (repeatable; default: whole, drip, bytes:2, bytes:3, bytes:7, "
                "bytes:64, bytes:4096, random:1..3, every)",
       cxxopts::value<std::vector<std::string>>())
      ("variants", "also check the metamorphic variants (crlf, cr, bom, comments, no-space, "
                   "multiline, no-final-blank) against results derived from each case")
      ("deviations", "known-deviations file (default: deviations.json in the corpus folder)",
       cxxopts::value<std::string>())
      ("v,verbose", "also list each passing case x implementation")
      ("h,help", "show this help");
  add_impl_option(options, "implementation: parser or SDK profile (repeatable; default: all)");
  add_case_paths(options);
  auto opts = parse(options, args);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }

  check::CaseOptions copts;
  if (opts.count("split")) {
    for (const auto &text : opts["split"].as<std::vector<std::string>>()) {
      auto spec = split::parse_spec(text);
      if (!spec) {
        err << "sse-harness check: " << spec.error().str() << "\n";
        return kExitTrouble;
      }
      copts.specs.push_back(*spec);
    }
  } else {
    copts.specs = split::default_specs();
  }
  copts.variants = opts.count("variants") > 0;
  copts.variant_splits = variant_splits();
  auto impls = select_implementations(impl_names(opts));
  if (!impls) {
    err << "sse-harness check: " << impls.error().str() << "\n";
    return kExitTrouble;
  }
  auto cases = discover_case_paths(opts);
  if (!cases) {
    err << "sse-harness check: " << cases.error().str() << "\n";
    return kExitTrouble;
  }
  const std::string deviations_file = deviations_file_for(opts);
  auto deviations = load_deviation_lookup(deviations_file);
  if (!deviations) {
    err << "sse-harness check: " << deviations.error().str() << "\n";
    return kExitTrouble;
  }

  const bool colour = use_colour(out);
  auto label = [&](check::Outcome o) { return outcome_label(o, colour); };
  size_t counts[kOutcomeCount] = {};
  for (const auto &c : *cases) {
    for (const auto &row : check::check_case(c, *impls, copts, deviations->lookup)) {
      deviations->deviated(row.deviated);
      ++counts[static_cast<int>(row.outcome)];
      const std::string what =
          c.id + "  " + row.impl + (row.variant.empty() ? "" : "  variant " + row.variant);
      if (row.outcome == check::Outcome::ok) {
        if (opts.count("verbose"))
          out << label(row.outcome) << "  " << what << "  (" << row.replays << " replays, "
              << row.split_points << " split points)\n";
      } else {
        out << label(row.outcome) << "  " << what
            << (row.reason.empty() ? "" : "  known: " + row.reason) << "\n";
        for (const auto &line : row.lines)
          out << "      " << line << "\n";
      }
      for (const auto &n : row.notes)
        err << "sse-harness check: note: " << what << ": " << n << "\n";
    }
  }
  // Over the whole corpus with every implementation, an entry that deviated nowhere is stale and
  // fails the run (a fix is noticed); over part of it, that is only worth a note.
  const bool whole_run = impl_names(opts).empty() && covers_corpus(opts, deviations_file);
  size_t stale = 0;
  auto checked = [&](std::string_view impl) {
    return std::any_of(impls->begin(), impls->end(),
                       [&](const auto *i) { return i->name == impl; });
  };
  for (const auto &line : deviations->stale(copts.variants, checked)) {
    if (whole_run) {
      ++stale;
      out << label(check::Outcome::failed) << "  " << line
          << ": remove it from the known deviations or fix its pattern\n";
    } else {
      err << "sse-harness check: note: " << line << "\n";
    }
  }
  counts[static_cast<int>(check::Outcome::failed)] += stale;
  const size_t failing = counts[static_cast<int>(check::Outcome::failed)] +
                         counts[static_cast<int>(check::Outcome::disputed)];
  out << cases->size() << " cases x " << impls->size() << " implementations: "
      << counts[static_cast<int>(check::Outcome::ok)] << " passed, "
      << counts[static_cast<int>(check::Outcome::deviation)] << " known deviations, "
      << counts[static_cast<int>(check::Outcome::disputed)] << " disputed, "
      << counts[static_cast<int>(check::Outcome::failed)] << " failed\n";
  return failing ? kExitFailures : kExitOk;
}

} // namespace harness::cli

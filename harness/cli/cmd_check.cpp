// sse-harness check [PATH...]: every case x every implementation x every split (and, with
// --variants, every metamorphic variant), against the expectations and the known deviations.
#include <algorithm>
#include <chrono>

#include "check/case_check.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/deviation_lookup.hpp"
#include "cli/reporting.hpp"
#include "cli/selection.hpp"
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
  add_selection_options(options);
  add_report_options(options);
  add_case_paths(options);
  auto opts = parse(options, args);
  auto trouble = [&](const Error &e) { return trouble_line(err, "check", e); };

  check::CaseOptions copts;
  if (opts.count("split")) {
    for (const auto &text : opts["split"].as<std::vector<std::string>>()) {
      auto spec = split::parse_spec(text);
      if (!spec)
        return trouble(spec.error());
      copts.specs.push_back(*spec);
    }
  } else {
    copts.specs = split::default_specs();
  }
  copts.variants = opts.count("variants") > 0;
  copts.variant_splits = variant_splits();
  auto impls = select_implementations(impl_names(opts));
  if (!impls)
    return trouble(impls.error());
  auto setup = run_setup(opts, true);
  if (!setup)
    return trouble(setup.error());
  const auto &cases = setup->cases;
  const auto *selection = &setup->selection;
  const auto *reports = &setup->reports;
  const std::string deviations_file = deviations_file_for(opts);
  auto deviations = load_deviation_lookup(deviations_file);
  if (!deviations)
    return trouble(deviations.error());

  // What would run: (case, implementation) pairs, the unit of work and of progress.
  std::vector<std::pair<const corpus::Case *, const pipeline::Implementation *>> work;
  for (const auto &c : cases)
    for (const auto *impl : *impls)
      if (pipeline::handles(*impl, c.dialect))
        work.emplace_back(&c, impl);
  if (selection->list) {
    for (const auto &c : cases) {
      out << c.id << "  " << c.dialect << " ";
      for (const auto &[wc, impl] : work)
        if (wc == &c)
          out << " " << impl->name;
      out << "\n";
    }
    out << cases.size() << " cases, " << work.size() << " case x implementation pairs, "
        << copts.specs.size() << " split specs each"
        << (copts.variants ? ", with the metamorphic variants" : "") << "\n";
    return kExitOk;
  }

  auto run = setup->start("check");
  for (const auto *impl : *impls) {
    run.implementations.emplace_back(impl->name);
    run.kinds.emplace_back(pipeline::to_string(impl->kind));
  }
  for (const auto &c : cases)
    run.cases.push_back(case_info(c));
  run.totals = std::to_string(cases.size()) + " cases x " + std::to_string(impls->size()) +
               " implementations";

  const report::TextOptions text{use_colour(out), opts.count("verbose") > 0};
  const bool stream_text = reports->text_to_stdout();
  report::Progress progress(err, reports->progress, stderr_is_tty(), "sse-harness check",
                            "case x implementation pairs", work.size());
  const auto t0 = std::chrono::steady_clock::now();
  size_t failing = 0;
  for (const auto &[c, impl] : work) {
    const auto start = std::chrono::steady_clock::now();
    auto rows = check::check_case(*c, {impl}, copts, deviations->lookup);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (auto &row : rows) {
      deviations->deviated(row.deviated);
      auto e = entry_of(row, c->id, std::string(pipeline::to_string(impl->kind)));
      e.seconds = seconds / static_cast<double>(rows.size());
      const std::string what =
          c->id + "  " + e.impl + (e.variant.empty() ? "" : "  variant " + e.variant);
      for (const auto &n : e.notes)
        err << "sse-harness check: note: " << what << ": " << n << "\n";
      add_entry(run, std::move(e), stream_text, out, text, progress, failing);
    }
    progress.step(failing);
  }
  progress.finish();
  auto checked = [&](std::string_view impl) {
    return std::any_of(impls->begin(), impls->end(),
                       [&](const auto *i) { return i->name == impl; });
  };
  settle_unused_deviations(deviations->unused(copts.variants, checked),
                           impl_names(opts).empty() && covers_corpus(opts, deviations_file),
                           *selection, run, {out, text, stream_text}, err, "check");
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (auto s = write_reports(run, *reports, out, text, stream_text); !s)
    return trouble(s.error());
  return report::failing(run) ? kExitFailures : kExitOk;
}

} // namespace harness::cli

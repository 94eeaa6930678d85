// sse-harness check [PATH...]: every case x every parser x every split, against the expectations.
#include "check/check.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace harness::cli {

int cmd_check(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness check",
                           "Replay every case through every parser under every split and compare "
                           "with the case's expected results.");
  options.add_options()
      ("split", "split spec (repeatable; default: whole, drip, bytes:2, bytes:3, bytes:7, "
                "bytes:64, bytes:4096, random:1..3, every)",
       cxxopts::value<std::vector<std::string>>())
      ("v,verbose", "also list each passing case x parser")
      ("h,help", "show this help");
  add_impl_option(options, "implementation: parser or SDK profile (repeatable; default: all)");
  add_case_paths(options);
  auto opts = parse(options, args);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }

  std::vector<split::Spec> specs;
  if (opts.count("split")) {
    for (const auto &text : opts["split"].as<std::vector<std::string>>()) {
      auto spec = split::parse_spec(text);
      if (!spec) {
        err << "sse-harness check: " << spec.error().str() << "\n";
        return kExitTrouble;
      }
      specs.push_back(*spec);
    }
  } else {
    specs = split::default_specs();
  }
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

  const bool colour = use_colour(out);
  const char *pass = colour ? "\033[32mPASS\033[0m" : "PASS";
  const char *fail = colour ? "\033[31mFAIL\033[0m" : "FAIL";
  size_t passed = 0, failed = 0;
  for (const auto &c : *cases) {
    for (const auto *impl : *impls) {
      if (!pipeline::handles(*impl, c.dialect))
        continue;
      const auto expectation = corpus::expectation_for(c, impl->name);
      const auto result = check::check_stream(c.capture.stream(), *impl, c.dialect,
                                              expectation ? &*expectation : nullptr, specs);
      if (result.passed) {
        ++passed;
        if (opts.count("verbose"))
          out << pass << "  " << c.id << "  " << impl->name << "  (" << result.replays
              << " replays, " << result.split_points << " split points)\n";
      } else {
        ++failed;
        out << fail << "  " << c.id << "  " << impl->name << "\n";
        for (const auto &p : result.problems)
          out << "      " << p << "\n";
      }
      for (const auto &n : result.notes)
        err << "sse-harness check: note: " << c.id << " " << impl->name << ": " << n << "\n";
    }
  }
  out << cases->size() << " cases x " << impls->size() << " implementations: " << passed << " passed, "
      << failed << " failed\n";
  return failed ? kExitFailures : kExitOk;
}

} // namespace harness::cli

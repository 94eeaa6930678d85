// sse-harness bench [FILE|CASE]: throughput of each stage on one stream, with ratios.
#include <iomanip>

#include "bench/generate.hpp"
#include "bench/measure.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace harness::cli {

namespace {

/// The targets from the issue that introduced the benchmark (issue 2), printed beside the figures.
constexpr double kFramingTarget = 0.25;   // whatwg framing vs the memchr scan
constexpr double kPipelineTarget = 650.0; // MB/s, full pipeline

void line(std::ostream &out, const bench::Figure &f, const std::string &note) {
  out << "  " << std::left << std::setw(24) << f.name << std::right << std::setw(10) << std::fixed
      << std::setprecision(1) << f.mb_per_s << " MB/s" << (note.empty() ? "" : "   " + note)
      << "\n";
}

std::string percent(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(0) << x * 100 << "%";
  return s.str();
}

std::string times(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << x << "x";
  return s.str();
}

} // namespace

int cmd_bench(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness bench",
                           "Throughput of a memchr scan, each parser's framing, RapidJSON "
                           "parse-only and the full pipeline on one stream.");
  options.add_options()
      ("mb", "size of the generated stream in MB; with FILE, how many MB to replay in total",
       cxxopts::value<uint64_t>()->default_value("64"))
      ("runs", "timed runs per figure (the best is shown)", cxxopts::value<int>()->default_value("3"))
      ("h,help", "show this help")
      ("target", "a capture file or case (default: a generated OpenAI-style stream)",
       cxxopts::value<std::string>());
  options.parse_positional({"target"});
  options.positional_help("[FILE|CASE]");
  auto opts = parse(options, args);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }
  const uint64_t mb = opts["mb"].as<uint64_t>();
  bench::Runs runs{opts["runs"].as<int>(), 1};
  if (mb == 0 || mb > 4096 || runs.runs < 1 || runs.runs > 100) {
    err << "sse-harness bench: --mb takes 1..4096 and --runs 1..100\n";
    return kExitTrouble;
  }

  std::string owned;
  std::string label;
  std::optional<Target> target;
  if (opts.count("target")) {
    auto t = resolve_target(opts["target"].as<std::string>(), std::nullopt);
    if (!t) {
      err << "sse-harness bench: " << t.error().str() << "\n";
      return kExitTrouble;
    }
    target = std::move(t.value());
    label = target->label;
  } else {
    owned = bench::generate_openai_stream(mb * 1000 * 1000).bytes;
    label = "generated OpenAI-style stream (seed 1)";
  }
  const std::string_view stream = target ? target->capture.stream() : std::string_view(owned);
  if (target)
    runs.repeat = std::max<uint64_t>(1, mb * 1000 * 1000 / std::max<size_t>(1, stream.size()));

  out << "sse-harness bench: " << label << ", " << std::fixed << std::setprecision(1)
      << static_cast<double>(stream.size()) / 1e6 << " MB";
  if (runs.repeat > 1)
    out << " replayed " << runs.repeat << " times per run";
  out << ", best of " << runs.runs << " runs, 64 KiB feeds\n";

  // Memory first, before the other figures allocate: growth of the peak RSS over one pipeline run.
  const auto *whatwg = sse::find_parser("whatwg");
  const uint64_t rss_before = bench::peak_rss_kib();
  bench::pipeline(stream, *whatwg, {1, 1});
  const uint64_t rss_growth = bench::peak_rss_kib() - rss_before;

  const auto floor = bench::memchr_scan(stream, runs);
  line(out, floor, "(floor)");
  for (const auto &p : sse::parsers()) {
    const auto f = bench::framing(stream, p, runs);
    std::string note = percent(f.mb_per_s / floor.mb_per_s) + " of memchr";
    if (p.name == "whatwg")
      note += std::string(f.mb_per_s >= kFramingTarget * floor.mb_per_s ? "  (target >= 25%: met)"
                                                                        : "  (target >= 25%: MISSED)");
    line(out, f, note);
  }
  const auto json = bench::rapidjson_parse_only(stream, runs);
  line(out, json, "(iterative + validate-encoding flags, SAX, every payload)");
  for (const auto &p : sse::parsers()) {
    const auto f = bench::pipeline(stream, p, runs);
    std::string note = times(f.mb_per_s / json.mb_per_s) + " rapidjson parse-only";
    if (p.name == "whatwg")
      note += std::string(f.mb_per_s >= kPipelineTarget ? "  (target >= 650 MB/s: met)"
                                                        : "  (target >= 650 MB/s: MISSED)");
    line(out, f, note);
  }
  out << "  memory: peak RSS grew " << std::setprecision(1)
      << static_cast<double>(rss_growth) / 1024.0 << " MiB during one pipeline run over "
      << static_cast<double>(stream.size()) / 1e6 << " MB\n";
  return kExitOk;
}

} // namespace harness::cli

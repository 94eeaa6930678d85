// sse-harness bench [--shape NAME | FILE|CASE]: pipeline throughput on every generated stream
// shape in one table, or every stage's throughput on one shape or capture.
#include <iomanip>

#include "bench/generate.hpp"
#include "bench/measure.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace harness::cli {

namespace {

/// The targets from the issues that set them (2 and 15), printed beside the figures.
constexpr double kFramingTarget = 0.25;   // whatwg framing vs the memchr scan
constexpr double kPipelineTarget = 650.0; // MB/s, full pipeline, every parser, every shape
constexpr double kJsonRatioTarget = 1.5;  // full pipeline vs RapidJSON parse-only

std::string fixed1(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << x;
  return s.str();
}

/// "812.0 KB" below one (decimal) megabyte, "64.0 MB" from there.
std::string size_text(uint64_t bytes) {
  const double b = static_cast<double>(bytes);
  return b < 1e6 ? fixed1(b / 1e3) + " KB" : fixed1(b / 1e6) + " MB";
}

void line(std::ostream &out, const bench::Figure &f, const std::string &note) {
  out << "  " << std::left << std::setw(24) << f.name << std::right << std::setw(10)
      << fixed1(f.mb_per_s) << " MB/s" << (note.empty() ? "" : "   " + note) << "\n";
}

std::string percent(double x) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(0) << x * 100 << "%";
  return s.str();
}

bool pipeline_met(const bench::Figure &f, const bench::Figure &json) {
  return f.mb_per_s >= kPipelineTarget && f.mb_per_s >= kJsonRatioTarget * json.mb_per_s;
}

/// Peak RSS growth, in MiB, over one pipeline run of `stream`: measured before anything else runs
/// on it, so the figure is the pipeline's own working memory.
double rss_growth_mib(std::string_view stream, std::string_view dialect) {
  const uint64_t before = bench::peak_rss_kib();
  bench::pipeline(stream, dialect, *sse::find_parser("whatwg"), {1, 1});
  return static_cast<double>(bench::peak_rss_kib() - before) / 1024.0;
}

/// Every stage on one stream: the memchr floor, each parser's framing, RapidJSON parse-only and
/// each parser's pipeline, with ratios and targets.
void detail(std::ostream &out, std::string_view stream, std::string_view dialect,
            const bench::Runs &runs) {
  const double rss = rss_growth_mib(stream, dialect);
  const auto floor = bench::memchr_scan(stream, runs);
  line(out, floor, "(floor)");
  for (const auto &p : sse::parsers()) {
    const auto f = bench::framing(stream, p, runs);
    std::string note = percent(f.mb_per_s / floor.mb_per_s) + " of memchr";
    if (p.name == "whatwg")
      note += f.mb_per_s >= kFramingTarget * floor.mb_per_s ? "  (target >= 25%: met)"
                                                            : "  (target >= 25%: MISSED)";
    line(out, f, note);
  }
  const auto json = bench::rapidjson_parse_only(stream, runs);
  line(out, json, "(iterative + validate-encoding flags, SAX, every payload)");
  for (const auto &p : sse::parsers()) {
    const auto f = bench::pipeline(stream, dialect, p, runs);
    line(out, f,
         fixed1(f.mb_per_s / json.mb_per_s) + "x rapidjson parse-only" +
             (pipeline_met(f, json) ? "  (target >= 650 MB/s and >= 1.5x: met)"
                                    : "  (target >= 650 MB/s and >= 1.5x: MISSED)"));
  }
  out << "  memory: peak RSS grew " << fixed1(rss) << " MiB during one pipeline run over "
      << size_text(stream.size()) << "\n";
}

/// One row per shape: each parser's pipeline, RapidJSON parse-only, the slowest pipeline's ratio
/// and whether the targets are met. Returns the number of shapes that miss them.
int table(std::ostream &out, uint64_t bytes, const bench::Runs &runs) {
  out << "sse-harness bench: " << bench::shapes().size() << " generated stream shapes, "
      << size_text(bytes) << " each, pipeline MB/s (thread CPU time, best of " << runs.runs
      << " runs, 64 KiB feeds)\n";
  out << "  " << std::left << std::setw(20) << "shape";
  for (const auto &p : sse::parsers())
    out << std::right << std::setw(10) << p.name;
  out << std::setw(11) << "rapidjson" << std::setw(8) << "ratio"
      << "  target (>= 650 MB/s and >= 1.5x rapidjson)\n";
  int missed = 0;
  std::string memory;
  for (const auto &shape : bench::shapes()) {
    const auto generated = shape.generate(bytes, 1);
    const std::string_view stream = generated.bytes;
    if (memory.empty())
      memory = fixed1(rss_growth_mib(stream, shape.dialect)) + " MiB during one pipeline run over " +
               size_text(stream.size()) + " of " + std::string(shape.name);
    const auto json = bench::rapidjson_parse_only(stream, runs);
    out << "  " << std::left << std::setw(20) << shape.name << std::right;
    double slowest = 0;
    bool met = true;
    for (const auto &p : sse::parsers()) {
      const auto f = bench::pipeline(stream, shape.dialect, p, runs);
      out << std::setw(10) << fixed1(f.mb_per_s);
      slowest = slowest == 0 ? f.mb_per_s : std::min(slowest, f.mb_per_s);
      met = met && pipeline_met(f, json);
    }
    missed += met ? 0 : 1;
    out << std::setw(11) << fixed1(json.mb_per_s) << std::setw(7)
        << fixed1(slowest / json.mb_per_s) << "x  " << (met ? "met" : "MISSED") << "\n";
  }
  for (const auto &shape : bench::shapes())
    out << "  " << std::left << std::setw(20) << shape.name << std::setw(20) << shape.dialect
        << shape.description << "\n";
  out << "  memory: peak RSS grew " << memory << "\n";
  return missed;
}

/// "openai-chat, usage-every-chunk, ..." for help and errors.
std::string shape_names() {
  std::string names;
  for (const auto &s : bench::shapes())
    names += std::string(names.empty() ? "" : ", ") + std::string(s.name);
  return names;
}

} // namespace

int cmd_bench(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options("sse-harness bench",
                           "Pipeline throughput on every generated stream shape (one table), or "
                           "every stage's throughput on one shape or capture.");
  options.add_options()
      ("mb", "size of each generated stream in MB; with FILE, how many MB to replay in total",
       cxxopts::value<std::string>()->default_value("64"))
      ("runs", "timed runs per figure (the best is shown)",
       cxxopts::value<std::string>()->default_value("3"))
      ("shape", "every stage on this generated shape only", cxxopts::value<std::string>())
      ("h,help", "show this help")
      ("target", "a capture file or case (its dialect: the case's, or detected)",
       cxxopts::value<std::string>());
  options.parse_positional({"target"});
  options.positional_help("[FILE|CASE]");
  auto opts = parse(options, args, "\nshapes: " + shape_names() + "\n");
  const auto mb_option = number_option(opts, "mb", 1, 4096, 64, "MB");
  const auto runs_option = number_option(opts, "runs", 1, 100, 3);
  for (const auto *n : {&mb_option, &runs_option})
    if (!*n) {
      err << "sse-harness bench: " << n->error().str() << "\n";
      return kExitTrouble;
    }
  const uint64_t mb = *mb_option;
  bench::Runs runs{static_cast<int>(*runs_option), 1};
  if (opts.count("shape") && opts.count("target")) {
    err << "sse-harness bench: give --shape NAME or FILE|CASE, not both\n";
    return kExitTrouble;
  }
  if (!opts.count("shape") && !opts.count("target")) {
    table(out, mb * 1000 * 1000, runs);
    return kExitOk;
  }

  std::string label, dialect;
  bench::Generated generated;
  std::optional<Target> target;
  if (opts.count("shape")) {
    const auto name = opts["shape"].as<std::string>();
    const bench::Shape *shape = bench::find_shape(name);
    if (!shape) {
      err << "sse-harness bench: unknown shape '" << name << "' (known: " << shape_names()
          << ")\n";
      return kExitTrouble;
    }
    generated = shape->generate(mb * 1000 * 1000, 1);
    label = "generated " + std::string(shape->name) + " stream (seed 1)";
    dialect = shape->dialect;
  } else {
    auto t = resolve_target(opts["target"].as<std::string>(), std::nullopt);
    if (!t) {
      err << "sse-harness bench: " << t.error().str() << "\n";
      return kExitTrouble;
    }
    target = std::move(t.value());
    label = target->label;
    dialect = target->dialect;
  }
  const std::string_view stream =
      target ? target->capture.stream() : std::string_view(generated.bytes);
  if (target)
    runs.repeat = std::max<uint64_t>(1, mb * 1000 * 1000 / std::max<size_t>(1, stream.size()));

  out << "sse-harness bench: " << label << " (" << dialect << "), " << size_text(stream.size());
  if (runs.repeat > 1)
    out << " replayed " << runs.repeat << " times per run";
  out << ", best of " << runs.runs << " runs, 64 KiB feeds\n";
  detail(out, stream, dialect, runs);
  return kExitOk;
}

} // namespace harness::cli

#include "fuzz/targets.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "dialect/dialect.hpp"

namespace harness::fuzz {

namespace {

const pipeline::Implementation &impl(std::string_view name) {
  const pipeline::Implementation *found = pipeline::find_implementation(name);
  if (!found) { // the table below names only implementations that exist
    std::fprintf(stderr, "fuzz targets: no implementation named %.*s\n",
                 static_cast<int>(name.size()), name.data());
    std::abort();
  }
  return *found;
}

Verdict parser_whatwg(std::string_view input) {
  return check_parser(decode_split(input), impl("whatwg").make_parser, EventRules::whatwg);
}

Verdict parser_tolerant(std::string_view input) {
  return check_parser(decode_split(input), impl("tolerant").make_parser, EventRules::whatwg);
}

Verdict parser_lines(std::string_view input) {
  return check_parser(decode_split(input), impl("lines").make_parser, EventRules::lines);
}

Verdict parser_sdk(std::string_view input) {
  const SplitInput in = decode_split(input);
  for (const auto &i : pipeline::implementations()) {
    if (i.kind != pipeline::Kind::profile)
      continue;
    if (auto v = check_parser(in, i.make_parser, EventRules::interface_only)) {
      v->detail = std::string(i.name) + ": " + v->detail;
      return v;
    }
  }
  return std::nullopt;
}

template <const std::string_view &Dialect> Verdict decoder(std::string_view input) {
  return check_replay(decode_split(input), impl("tolerant"), Dialect);
}

Verdict pipeline_all(std::string_view input) { return check_pipeline(decode_split(input)); }

Verdict differential(std::string_view input) {
  return check_differential(decode_split(input), impl("whatwg").make_parser,
                            impl("tolerant").make_parser);
}

Verdict split_invariance(std::string_view input) {
  const SplitInput in = decode_split(input);
  const std::string_view dialect = dialect::detect_dialect(in.stream);
  for (const auto &i : pipeline::implementations())
    if (auto v = check_split_invariance(in, i, dialect))
      return v;
  return std::nullopt;
}

// max_len: the shortest of 1, 2, 4 and 8 KiB at which the exported seeds, cut to that length, reach
// within 0.5% of the edges (libFuzzer's cov) they reach whole, or at which 30 s of fuzzing reach
// more edges than at the next longer length (parser-sdk, pipeline, split-invariance); README
// "Fuzzing" has the measurements.
constexpr Target kTargets[] = {
    {"parser-whatwg", "the whatwg parser: event and finding invariants, decoded text", parser_whatwg,
     1024},
    {"parser-tolerant", "the tolerant parser: event and finding invariants, decoded text",
     parser_tolerant, 1024},
    {"parser-lines", "the lines parser: event invariants, data: lines only", parser_lines,
     1024},
    {"parser-sdk", "every SDK profile's parser: event and finding invariants", parser_sdk,
     1024},
    {"decoder-openai-chat", "tolerant events into the openai-chat decoder: result invariants",
     decoder<dialect::kOpenAiChat>, 4096},
    {"decoder-anthropic-messages",
     "tolerant events into the anthropic-messages decoder: result invariants",
     decoder<dialect::kAnthropicMessages>, 4096},
    {"decoder-openai-responses",
     "tolerant events into the openai-responses decoder: result invariants",
     decoder<dialect::kOpenAiResponses>, 8192},
    {"decoder-gemini", "tolerant events into the gemini decoder: result invariants",
     decoder<dialect::kGemini>, 4096},
    {"pipeline", "detected dialect, every implementation handling it, result JSON, lint",
     pipeline_all, 4096},
    {"differential", "without repair findings, whatwg and tolerant emit identical events",
     differential, 1024},
    {"split-invariance", "every implementation: same trace and result split as whole",
     split_invariance, 4096},
};

} // namespace

std::span<const Target> targets() { return kTargets; }

const Target *find_target(std::string_view name) {
  for (const Target &t : kTargets)
    if (t.name == name)
      return &t;
  return nullptr;
}

std::string target_names() {
  std::string out;
  for (const Target &t : kTargets)
    out.append(out.empty() ? "" : ", ").append(t.name);
  return out;
}

void run_target(const Target &target, std::string_view input) {
  const Verdict v = target.check(input);
  if (!v)
    return;
  std::fprintf(stderr, "fuzz target %.*s: %s violated: %s\n", static_cast<int>(target.name.size()),
               target.name.data(), v->property.c_str(), v->detail.c_str());
  std::fflush(stderr);
  std::abort();
}

} // namespace harness::fuzz

#include "cli/common.hpp"

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "cli/cli.hpp"
#include "core/data_dir.hpp"
#include "dialect/dialect.hpp"
#include "dialect/sse/sse_level.hpp"

namespace harness::cli {

namespace fs = std::filesystem;

cxxopts::ParseResult parse(cxxopts::Options &options, const std::vector<std::string> &args,
                           std::string_view after_help) {
  // cxxopts wants argc/argv; skip the subcommand so positionals start after it.
  std::vector<const char *> argv;
  argv.push_back(args.empty() ? "sse-harness" : args[0].c_str());
  for (size_t i = 2; i < args.size(); ++i)
    argv.push_back(args[i].c_str());
  cxxopts::ParseResult opts = options.parse(static_cast<int>(argv.size()), argv.data());
  if (opts.count("help"))
    throw HelpShown{options.help() + std::string(after_help)};
  return opts;
}

int trouble_line(std::ostream &err, std::string_view command, const Error &e) {
  err << "sse-harness " << command << ": " << e.str() << "\n";
  return kExitTrouble;
}

#ifndef SSEH_DEFAULT_CORPUS_DIR
#define SSEH_DEFAULT_CORPUS_DIR "corpus"
#endif

std::string default_corpus_dir() {
  return data_dir("corpus", "SSE_HARNESS_CORPUS", SSEH_DEFAULT_CORPUS_DIR).string();
}

void add_case_paths(cxxopts::Options &options) {
  options.add_options()("paths", "case folders or folders of cases (default: the bundled corpus)",
                        cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"paths"});
  options.positional_help("[PATH...]");
}

Result<std::vector<corpus::Case>> discover_case_paths(const cxxopts::ParseResult &opts) {
  return corpus::discover(opts.count("paths") ? opts["paths"].as<std::vector<std::string>>()
                                              : std::vector<std::string>{default_corpus_dir()});
}

Result<std::vector<const pipeline::Implementation *>>
select_implementations(const std::vector<std::string> &names) {
  std::vector<const pipeline::Implementation *> out;
  if (names.empty()) {
    for (const auto &p : pipeline::implementations())
      out.push_back(&p);
    return out;
  }
  for (const auto &name : names) {
    const auto *p = pipeline::find_implementation(name);
    if (!p) {
      std::string known;
      for (const auto &q : pipeline::implementations())
        known += (known.empty() ? "" : ", ") + std::string(q.name);
      return Error{"", std::nullopt,
                   "unknown implementation '" + name + "' (known: " + known + ")"};
    }
    out.push_back(p);
  }
  return out;
}

void add_impl_option(cxxopts::Options &options, const std::string &help) {
  options.add_options()("impl", help, cxxopts::value<std::vector<std::string>>())(
      "parser", "the same as --impl", cxxopts::value<std::vector<std::string>>());
}

std::vector<std::string> impl_names(const cxxopts::ParseResult &opts) {
  std::vector<std::string> names;
  for (const char *key : {"impl", "parser"})
    if (opts.count(key))
      for (const auto &n : opts[key].as<std::vector<std::string>>())
        names.push_back(n);
  return names;
}

Result<uint64_t> number_option(const cxxopts::ParseResult &opts, const std::string &name,
                               uint64_t lo, uint64_t hi, uint64_t fallback, std::string_view unit) {
  if (!opts.count(name))
    return fallback;
  const auto text = opts[name].as<std::string>();
  uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n < lo || n > hi)
    return Error{"", std::nullopt,
                 "--" + name + " takes " + std::to_string(lo) + " to " + std::to_string(hi) +
                     (unit.empty() ? "" : " " + std::string(unit)) + ", not '" + text + "'"};
  return n;
}

Result<Target> resolve_target(const std::string &what, std::optional<source::Format> from) {
  std::error_code ec;
  fs::path dir;
  if (fs::is_directory(what, ec)) {
    dir = what;
  } else if (fs::exists(what, ec)) {
    auto capture = source::load_capture(what, from);
    if (!capture)
      return capture.error();
    const auto dialect = dialect::detect_dialect(capture->stream());
    return Target{what, std::nullopt, std::move(capture.value()), std::string(dialect)};
  } else if (fs::is_directory(fs::path(default_corpus_dir()) / what, ec)) {
    dir = fs::path(default_corpus_dir()) / what;
  } else {
    return Error{what, std::nullopt,
                 "no such file, case folder or case id (case ids are relative to " +
                     default_corpus_dir() + ")"};
  }
  if (from)
    return Error{what, std::nullopt,
                 "--from applies to a bare capture file; a case declares its own format"};
  auto found = corpus::discover({dir.string()});
  if (!found)
    return found.error();
  if (found->size() != 1)
    return Error{what, std::nullopt,
                 "is a folder of " + std::to_string(found->size()) + " cases; name one case"};
  auto &c = found->front();
  Target t{c.id, std::nullopt, c.capture, c.dialect};
  t.the_case = std::move(c);
  return t;
}

void add_target_option(cxxopts::Options &options) {
  options.add_options()("target", "a capture file, a case folder or a case id",
                        cxxopts::value<std::string>());
  options.parse_positional({"target"});
  options.positional_help("FILE|CASE");
}

void add_dialect_option(cxxopts::Options &options) {
  options.add_options()("dialect",
                        "openai-chat, anthropic-messages, openai-responses or gemini (default: "
                        "the case's, or detected)",
                        cxxopts::value<std::string>());
}

void add_from_option(cxxopts::Options &options) {
  options.add_options()("from",
                        "capture format of a bare file: raw or markdown (default: detected)",
                        cxxopts::value<std::string>());
}

Result<std::optional<source::Format>> from_option(const cxxopts::ParseResult &opts) {
  if (!opts.count("from"))
    return std::optional<source::Format>();
  const auto f = opts["from"].as<std::string>();
  if (f == "raw")
    return std::optional(source::Format::raw);
  if (f == "markdown")
    return std::optional(source::Format::markdown);
  return Error{"", std::nullopt, "--from takes raw or markdown, not '" + f + "'"};
}

Status apply_dialect_option(const cxxopts::ParseResult &opts, Target &target) {
  if (!opts.count("dialect"))
    return ok_status();
  target.dialect = opts["dialect"].as<std::string>();
  if (!dialect::is_dialect(target.dialect) && target.dialect != dialect::kSse)
    return Error{"", std::nullopt,
                 "unknown dialect '" + target.dialect +
                     "' (known: openai-chat, anthropic-messages, openai-responses, gemini, sse)"};
  return ok_status();
}

bool use_colour(const std::ostream &out) {
  if (const char *nc = std::getenv("NO_COLOR"); nc && *nc)
    return false;
  return &out == &std::cout && ::isatty(STDOUT_FILENO);
}


} // namespace harness::cli

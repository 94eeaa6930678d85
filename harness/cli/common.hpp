#pragma once
// Helpers shared by the subcommands: argument plumbing for cxxopts, where the bundled corpus is,
// and resolving FILE|CASE targets with the options that go with them (--from, --dialect).
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <cxxopts.hpp>

#include "check/case_check.hpp"
#include "core/error.hpp"
#include "corpus/case.hpp"
#include "corpus/discover.hpp"
#include "corpus/expectation.hpp"
#include "source/capture.hpp"
#include "pipeline/implementation.hpp"

namespace harness::cli {

/// Thrown by parse() when -h/--help was given: run() prints `text` to stdout and exits 0, so no
/// command handles --help itself (`options` must declare "h,help").
struct HelpShown {
  std::string text;
};

/// Parses args (args[0] = "sse-harness", args[1] = subcommand) with `options`. cxxopts throws on
/// unknown options and bad values; run() catches that and exits 2. With --help, throws HelpShown
/// holding options.help() followed by `after_help`.
cxxopts::ParseResult parse(cxxopts::Options &options, const std::vector<std::string> &args,
                           std::string_view after_help = {});

/// Prints `e` as the command's one error line ("sse-harness COMMAND: file: byte N: why") to `err`
/// and gives kExitTrouble.
int trouble_line(std::ostream &err, std::string_view command, const Error &e);

/// The bundled corpus: $SSE_HARNESS_CORPUS, else the installed corpus when this binary is an
/// installed one, else the source tree's corpus/ recorded at build time (core/data_dir.hpp).
std::string default_corpus_dir();

/// Adds the positional [PATH...] option of the commands that act on cases (check, list).
void add_case_paths(cxxopts::Options &options);

/// The cases under the PATHs given, or under default_corpus_dir() when none were.
Result<std::vector<corpus::Case>> discover_case_paths(const cxxopts::ParseResult &opts);

/// Implementations named with --impl (all, in registry order, when none). Error names the unknown
/// one and lists the known ones.
Result<std::vector<const pipeline::Implementation *>>
select_implementations(const std::vector<std::string> &names);

/// Adds --impl NAME (repeatable) and its older spelling --parser.
void add_impl_option(cxxopts::Options &options, const std::string &help);
/// What --impl and --parser named together.
std::vector<std::string> impl_names(const cxxopts::ParseResult &opts);

/// What `replay` and `lint`-like commands act on: a case, or a bare capture file.
struct Target {
  std::string label;                  ///< case id or file path, for messages
  std::optional<corpus::Case> the_case;
  source::Capture capture;            ///< for a case: its stream
  std::string dialect;                ///< the case's, or detected from a bare file's stream
};

/// FILE (a capture), a case folder, or a case id under the bundled corpus, in that order.
/// `from` forces the capture format of a bare file; it is an error with a case.
Result<Target> resolve_target(const std::string &what, std::optional<source::Format> from);

/// The whole number option `name` holds (declared as a string: cxxopts would wrap a uint16_t at
/// 65536 and reject "-1" with a message that names no range), or `fallback` when it was not given.
/// Error "--NAME takes LO to HI, not 'TEXT'" (with `unit`, e.g. "seconds", after HI) for anything
/// that is not a whole number from lo to hi.
Result<uint64_t> number_option(const cxxopts::ParseResult &opts, const std::string &name,
                               uint64_t lo, uint64_t hi, uint64_t fallback,
                               std::string_view unit = "");

/// Adds the positional FILE|CASE target of the commands that act on one capture (replay, lint).
void add_target_option(cxxopts::Options &options);
/// Adds --dialect NAME, which overrides the target's dialect.
void add_dialect_option(cxxopts::Options &options);
/// Adds --from FORMAT, the capture format of a bare file.
void add_from_option(cxxopts::Options &options);

/// What --from names: empty when it was not given. Error "--from takes raw or markdown, not 'X'"
/// for any other value.
Result<std::optional<source::Format>> from_option(const cxxopts::ParseResult &opts);
/// Sets target.dialect to what --dialect names, when it was given. Error "unknown dialect 'X'
/// (known: ...)" when that is no dialect.
Status apply_dialect_option(const cxxopts::ParseResult &opts, Target &target);

/// True when `out` is the terminal and NO_COLOR is not set.
bool use_colour(const std::ostream &out);

} // namespace harness::cli

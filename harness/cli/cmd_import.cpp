// sse-harness import SRC --case NAME: a capture (raw, markdown transcript, HAR, JSON Lines) as a
// new case with provenance, request and blessed expectations.
#include <charconv>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corpus/import.hpp"

namespace harness::cli {

namespace {

std::string plural(size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// One line about what the reference implementation reassembled.
std::string summary(const StreamResult &r) {
  std::string out = plural(r.events, "event", "events") + (r.done ? ", done" : ", no end marker");
  out += ", " + plural(r.choices.size(), "choice", "choices");
  if (!r.choices.empty()) {
    const Choice &c = r.choices.front();
    out += " (finish_reason " + c.finish_reason.value_or("null") + ", " +
           plural(c.text.size(), "byte", "bytes") + " of text";
    if (!c.reasoning.empty())
      out += ", " + plural(c.reasoning.size(), "byte", "bytes") + " of reasoning";
    if (!c.refusal.empty())
      out += ", " + plural(c.refusal.size(), "byte", "bytes") + " of refusal";
    if (!c.tool_calls.empty())
      out += ", " + plural(c.tool_calls.size(), "tool call", "tool calls");
    out += r.choices.size() > 1 ? "; first choice)" : ")";
  }
  if (r.usage) {
    auto n = [](const std::optional<int64_t> &v) { return v ? std::to_string(*v) : "-"; };
    out += ", usage " + n(r.usage->prompt_tokens) + "/" + n(r.usage->completion_tokens) + "/" +
           n(r.usage->total_tokens);
  } else {
    out += ", no usage";
  }
  out += ", " + plural(r.errors.size(), "error", "errors");
  out += ", " + plural(r.findings.size(), "finding", "findings");
  return out;
}

} // namespace

int cmd_import(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness import",
      "Import a capture as a new case: copy the stream (byte for byte, or rebuilt from JSON "
      "Lines), record where it came from and the request, and write the expectations bless "
      "would write. Credentials in the request are replaced by REDACTED.");
  options.add_options()
      ("case", "the new case's folder, relative to the corpus (e.g. openai/my-case)",
       cxxopts::value<std::string>())
      ("corpus", "the corpus folder (default: the bundled corpus)", cxxopts::value<std::string>())
      ("format", "raw, markdown, har or jsonl (default: detected)", cxxopts::value<std::string>())
      ("meta", "JSON object overriding title, why, provenance, request, tags, notes",
       cxxopts::value<std::string>())
      ("entry", "HAR: the entry to take, 0-based index in log.entries (default: the only "
                "text/event-stream one)", cxxopts::value<std::string>())
      ("deviations", "known-deviations file (default: deviations.json of the corpus)",
       cxxopts::value<std::string>())
      ("force", "replace an existing case of that name")
      ("h,help", "show this help")
      ("source", "the capture file", cxxopts::value<std::string>());
  options.parse_positional({"source"});
  options.positional_help("SRC --case NAME");
  auto opts = parse(options, args);
  const char *prefix = "sse-harness import: ";
  if (!opts.count("source") || !opts.count("case")) {
    err << prefix << "name a capture file and --case NAME (see sse-harness import --help)\n";
    return kExitTrouble;
  }

  corpus::ImportOptions io;
  io.source = opts["source"].as<std::string>();
  io.case_name = opts["case"].as<std::string>();
  io.corpus_dir = opts.count("corpus") ? opts["corpus"].as<std::string>() : default_corpus_dir();
  io.force = opts.count("force") > 0;
  if (opts.count("format")) {
    const auto f = opts["format"].as<std::string>();
    io.format = corpus::parse_import_format(f);
    if (!io.format) {
      err << prefix << "--format takes raw, markdown, har or jsonl, not '" << f << "'\n";
      return kExitTrouble;
    }
  }
  if (opts.count("meta"))
    io.meta_file = opts["meta"].as<std::string>();
  if (opts.count("deviations"))
    io.deviations = opts["deviations"].as<std::string>();
  if (opts.count("entry")) {
    const auto text = opts["entry"].as<std::string>();
    size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) {
      err << prefix << "--entry takes a number (0-based), not '" << text << "'\n";
      return kExitTrouble;
    }
    io.har_entry = n;
  }

  auto imported = corpus::import_case(io);
  if (!imported) {
    err << prefix << imported.error().str() << "\n";
    return kExitTrouble;
  }
  const auto &b = imported->blessing;
  out << imported->case_id << "  " << imported->dialect << "  "
      << corpus::to_string(imported->format) << "  " << summary(b.reference) << "\n";
  for (const auto &note : imported->notes)
    err << prefix << "note: " << note << "\n";
  for (const auto &impl : b.deviating)
    out << "  " << impl << ": differs; listed in the known deviations\n";
  for (const auto &d : b.disputes) {
    out << "  disputed: " << d.impl << " differs from expect.default (tolerant):\n";
    for (const auto &line : d.differences)
      out << "    " << line << "\n";
  }
  if (!b.disputes.empty()) {
    err << prefix << imported->case_id << " was written with \"disputed\" set: `check` fails for "
        << b.disputes.size() << " implementation(s) until an expect entry or a known deviation "
        << "acknowledges the difference (then run `sse-harness bless`)\n";
    return kExitFailures;
  }
  return kExitOk;
}

} // namespace harness::cli

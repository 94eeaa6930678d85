// sse-harness record --upstream URL --case NAME: one request proxied to an upstream, its response
// stored as a new case with the timing of every read (record/record.hpp, record/store.hpp).

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "record/record.hpp"
#include "record/store.hpp"
#include "source/read_file.hpp"

namespace harness::cli {

namespace {

/// --header "Name: value" (the space after ':' optional).
std::optional<std::pair<std::string, std::string>> parse_header(const std::string &text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0)
    return std::nullopt;
  std::string name = text.substr(0, colon);
  if (name.find_first_of(" \t\r\n") != std::string::npos)
    return std::nullopt;
  size_t at = colon + 1;
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
    ++at;
  return std::make_pair(std::move(name), text.substr(at));
}

} // namespace

int cmd_record(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness record",
      "Proxy one request to an upstream and store the response as a new case: the body byte for "
      "byte, the time of every read (timing.json), the status and headers. Direct (default): "
      "send the request given by --method/--header/--data and write the body to stdout as it "
      "arrives. --listen HOST:PORT: accept one request from a client pointed at it as base URL, "
      "forward it and relay the response as it arrives. Credential headers are never stored.");
  options.add_options()
      ("upstream", "the upstream URL (http:// or https://)", cxxopts::value<std::string>())
      ("case", "the new case's folder, relative to the corpus (e.g. openai/recorded)",
       cxxopts::value<std::string>())
      ("header", "a request header K:V (repeatable; direct mode)",
       cxxopts::value<std::vector<std::string>>())
      ("method", "the request method (default: POST with --data, else GET; direct mode)",
       cxxopts::value<std::string>())
      ("data", "the request body, or @FILE to read it from FILE (direct mode)",
       cxxopts::value<std::string>())
      ("corpus", "the corpus folder (default: the bundled corpus)", cxxopts::value<std::string>())
      ("listen", "accept one request on HOST:PORT (port 0: any free one) instead of sending one",
       cxxopts::value<std::string>())
      ("timeout", "seconds to wait for the connection and for each read (default 60)",
       cxxopts::value<std::string>())
      ("keep-errors", "store a non-2xx response too (response.status records it)")
      ("deviations", "known-deviations file (default: deviations.json of the corpus)",
       cxxopts::value<std::string>())
      ("force", "replace an existing case of that name")
      ("h,help", "show this help");
  auto opts = parse(options, args);
  const char *prefix = "sse-harness record: ";
  if (!opts.count("upstream") || !opts.count("case")) {
    err << prefix << "name --upstream URL and --case NAME (see sse-harness record --help)\n";
    return kExitTrouble;
  }
  const bool listening = opts.count("listen") > 0;
  if (listening && (opts.count("header") || opts.count("method") || opts.count("data"))) {
    err << prefix << "--header, --method and --data are for direct mode; with --listen the "
        << "caller's request is forwarded\n";
    return kExitTrouble;
  }

  Result<record::Url> url = record::parse_url(opts["upstream"].as<std::string>());
  if (!url) {
    err << prefix << url.error().str() << "\n";
    return kExitTrouble;
  }
  record::RecordOptions ro;
  ro.upstream = *url;
  if (opts.count("method"))
    ro.method = opts["method"].as<std::string>();
  if (opts.count("header"))
    for (const std::string &h : opts["header"].as<std::vector<std::string>>()) {
      auto header = parse_header(h);
      if (!header) {
        err << prefix << "--header takes NAME:VALUE, not '" << h << "'\n";
        return kExitTrouble;
      }
      ro.headers.push_back(std::move(*header));
    }
  if (opts.count("data")) {
    std::string data = opts["data"].as<std::string>();
    if (data.starts_with("@")) {
      Result<std::string> file = source::read_file(data.substr(1));
      if (!file) {
        err << prefix << file.error().str() << "\n";
        return kExitTrouble;
      }
      data = std::move(file.value());
    }
    ro.body = std::move(data);
  }
  if (opts.count("timeout")) {
    const auto n = number_option(opts, "timeout", 1, 86400, 0, "seconds");
    if (!n) {
      err << prefix << n.error().str() << "\n";
      return kExitTrouble;
    }
    ro.timeout = std::chrono::seconds(*n);
  }
  std::optional<record::ListenOptions> listen;
  if (listening) {
    auto parsed = record::parse_listen(opts["listen"].as<std::string>());
    if (!parsed) {
      err << prefix << parsed.error().str() << "\n";
      return kExitTrouble;
    }
    listen = *parsed;
  }

  record::StoreOptions so;
  so.case_name = opts["case"].as<std::string>();
  so.corpus_dir = opts.count("corpus") ? opts["corpus"].as<std::string>() : default_corpus_dir();
  so.force = opts.count("force") > 0;
  so.keep_errors = opts.count("keep-errors") > 0;
  if (opts.count("deviations"))
    so.deviations = opts["deviations"].as<std::string>();
  // Refused before the upstream is asked (and asked again when the case is written).
  if (auto target = corpus::check_case_target(so.case_name, so.corpus_dir, so.force); !target) {
    err << prefix << target.error().str() << "\n";
    return kExitTrouble;
  }

  Result<record::Recording> recording =
      listen ? record::record_listen(ro, *listen,
                                     [&](const std::string &base) {
                                       out << "listening on " << base << "\n";
                                       out.flush();
                                     })
             : record::record_direct(ro, out);
  if (!recording) {
    err << prefix << recording.error().str() << "\n";
    return kExitTrouble;
  }
  if (!record::should_store(*recording, so)) {
    err << prefix << record::status_error(*recording).str() << "\n";
    return kExitTrouble;
  }
  Result<record::Stored> stored = record::store_recording(*recording, so);
  if (!stored) {
    err << prefix << stored.error().str() << "\n";
    return kExitTrouble;
  }
  for (const auto &note : stored->notes)
    err << prefix << "note: " << note << "\n";
  const auto &b = stored->written.blessing;
  err << prefix << "wrote " << stored->written.case_id << " (" << stored->dialect << ", status "
      << recording->head.status << ", " << recording->body.size() << " bytes in "
      << recording->arrivals.size() << " reads, " << b.reference.events << " events)\n";
  if (!b.disputes.empty()) {
    for (const auto &d : b.disputes)
      err << prefix << "disputed: " << d.impl << " differs from expect.default (tolerant)\n";
    err << prefix << stored->written.case_id << " was written with \"disputed\" set (see "
        << "sse-harness bless)\n";
    return kExitFailures;
  }
  return kExitOk;
}

} // namespace harness::cli

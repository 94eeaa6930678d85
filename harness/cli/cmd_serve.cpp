// sse-harness serve [PATH...]: replay corpus cases over HTTP/1.1 to real clients (serve/).
#include <algorithm>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "serve/server.hpp"

namespace harness::cli {

int cmd_serve(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness serve",
      "Serve the corpus cases over HTTP/1.1: each case's stream, byte for byte, at "
      "http://HOST:PORT/cases/<case>/<options>/v1/{chat/completions,responses,messages,events}; "
      "GET / lists the cases and their base URLs.");
  options.add_options()
      ("host", "address to listen on", cxxopts::value<std::string>()->default_value("127.0.0.1"))
      ("port", "port (0: any free port; the bound one is printed)",
       cxxopts::value<std::string>()->default_value("8089"))
      ("wire", "what \"-\" in a URL means: wire options joined by '+' (write sizes whole, "
               "bytes:N, drip, random:SEED, events; framing chunked, close; delay:MS; a fault "
               "cut-bytes:N, cut-events:N, reset:N, stall:MS, bad-chunk:N, status:CODE, "
               "error-event:N)",
       cxxopts::value<std::string>()->default_value("-"))
      ("request-timeout", "seconds a connection may take to send a request, or idle between "
                          "requests, before it is closed",
       cxxopts::value<std::string>()->default_value("30"))
      ("h,help", "show this help");
  add_case_paths(options);
  auto opts = parse(options, args);
  serve::ServerOptions so;
  so.host = opts["host"].as<std::string>();
  const auto port = number_option(opts, "port", 0, 65535, 8089);
  const auto request_timeout = number_option(opts, "request-timeout", 1, 86400, 30, "seconds");
  for (const auto *n : {&port, &request_timeout})
    if (!*n) {
      err << "sse-harness serve: " << n->error().str() << "\n";
      return kExitTrouble;
    }
  so.port = static_cast<uint16_t>(*port);
  so.request_timeout = std::chrono::seconds(*request_timeout);
  auto defaults = serve::parse_wire_options(opts["wire"].as<std::string>(), so.defaults);
  if (!defaults) {
    err << "sse-harness serve: --wire: " << defaults.error().message << "\n";
    return kExitTrouble;
  }
  so.defaults = *defaults;
  auto cases = discover_case_paths(opts);
  if (!cases) {
    err << "sse-harness serve: " << cases.error().str() << "\n";
    return kExitTrouble;
  }
  const size_t count = cases->size();
  auto status = serve::serve(std::move(*cases), so, [&](uint16_t bound) {
    out << "serving " << count << " cases on http://" << so.host << ":" << bound << "/"
        << std::endl;
  });
  if (!status) {
    err << "sse-harness serve: " << status.error().str() << "\n";
    return kExitTrouble;
  }
  return kExitOk;
}

} // namespace harness::cli

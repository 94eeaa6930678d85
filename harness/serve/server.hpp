#pragma once
// `sse-harness serve`: an HTTP/1.1 server (Boost.Beast on Asio) that replays corpus cases to real
// clients. Routes and wire options: route.hpp. A stream response sends exactly the case's stream
// bytes as the body, cut into HTTP chunks by the wire options' write split, with
// `Content-Type: text/event-stream`; connections are kept alive when the client asks.
// Errors are JSON bodies ({"error": {"message": …}}): 400 malformed or unsafe target or bad wire
// option, 404 unknown route or case, 405 wrong method, 413 request body over 1 MiB.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"
#include "serve/route.hpp"

namespace harness::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;     ///< 0: any free port (the bound one is passed to `on_listening`)
  WireOptions defaults;  ///< what "-" in a URL means
};

/// Serves `cases` until the process is stopped. Calls `on_listening(port)` once bound. Returns an
/// error when the address cannot be bound; otherwise does not return.
Status serve(std::vector<corpus::Case> cases, const ServerOptions &options,
             const std::function<void(uint16_t)> &on_listening);

} // namespace harness::serve

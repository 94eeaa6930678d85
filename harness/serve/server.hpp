#pragma once
// `sse-harness serve`: an HTTP/1.1 server (Boost.Beast on Asio) that replays corpus cases to real
// clients. Routes and wire options: route.hpp. A stream response sends exactly the case's stream
// bytes as the body as the wire options' plan says (serve/wire.hpp: write sizes, chunked or
// close-delimited framing, delays, faults), with `Content-Type: text/event-stream` or the headers
// the capture had (a recorded case's response.headers, less framing and connection headers); connections
// are kept alive when the client asks and the framing allows.
// Errors are JSON bodies ({"error": {"message": …}}): 400 malformed or unsafe target or bad wire
// option, 404 unknown route or case, 405 wrong method, 413 request body over 1 MiB.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
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
  /// How long a connection may take to send a complete request, or idle between requests,
  /// before it is closed.
  std::chrono::milliseconds request_timeout{30000};
};

/// A server that can be started and stopped from the program that owns it (`clients run`).
class Server {
public:
  Server(std::vector<corpus::Case> cases, const ServerOptions &options);
  ~Server();
  Server(const Server &) = delete;
  Server &operator=(const Server &) = delete;
  /// Binds and listens; returns the bound port. Errors: not an IP address, cannot listen.
  Result<uint16_t> listen();
  /// Serves on the calling thread until stop(); call after listen() succeeded.
  void run();
  /// Makes run() return; callable from any thread.
  void stop();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Serves `cases` until the process is stopped. Calls `on_listening(port)` once bound. Returns an
/// error when the address cannot be bound; otherwise does not return.
Status serve(std::vector<corpus::Case> cases, const ServerOptions &options,
             const std::function<void(uint16_t)> &on_listening);

} // namespace harness::serve

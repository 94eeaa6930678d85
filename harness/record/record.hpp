#pragma once
// `sse-harness record`: one request proxied to an upstream, the response kept as a Recording
// (store.hpp writes it as a case). Two ways in:
//   direct  record sends the request itself (method, headers, body from the command line) and
//           writes the response body to `body_out` read by read, as it arrives;
//   listen  record accepts one HTTP/1.1 request from a caller (an SDK given it as base URL),
//           forwards it upstream and relays the response to the caller as it arrives.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "core/error.hpp"
#include "record/client.hpp"
#include "record/store.hpp"

namespace harness::record {

struct RecordOptions {
  Url upstream;
  std::string method;  ///< direct: --method; default POST with a body, else GET
  Headers headers;     ///< direct: --header K:V, in order
  std::optional<std::string> body; ///< direct: --data
  std::chrono::seconds timeout{60};
};

/// Direct mode. Sends the request to options.upstream (its own path and query) with a
/// `Content-Type: application/json` header when there is a body and none was given, and writes
/// each read of the body to `body_out` (flushed) as it arrives. Errors: those of fetch().
Result<Recording> record_direct(const RecordOptions &options, std::ostream &body_out);

struct ListenOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0; ///< 0: any free port
};

/// Parses HOST:PORT ([v6]:PORT allowed). Error names the text.
Result<ListenOptions> parse_listen(const std::string &text);

/// Listen mode. Binds, calls `on_listening` with the base URL ("http://HOST:PORT/"), accepts one
/// connection and reads one request (body up to 64 MiB). Forwards its method, its target appended
/// to the upstream's path (join_target), its headers except Host, Content-Length, the hop-by-hop
/// ones and Accept-Encoding (so the stored stream is the plain bytes), and its body. Relays the
/// upstream's status, reason and headers (the hop-by-hop ones replaced by `Connection: close`)
/// and then each read of the body as it arrives, chunked when the upstream chunked it. When the
/// upstream fails before answering, the caller gets 502 with {"error": {"message": ...}}.
/// Errors: cannot listen, the caller's request unreadable, the caller gone mid-stream, and those
/// of fetch().
Result<Recording> record_listen(const RecordOptions &options, const ListenOptions &listen,
                                const std::function<void(const std::string &)> &on_listening);

} // namespace harness::record

#pragma once
// One HTTP/1.1 exchange with the upstream on Boost.Beast: http:// over plain TCP, https:// over
// Asio's OpenSSL support (SNI set, the certificate verified against the system's default CA
// paths and the host name). The response body is handed over read by read, as it arrives, with
// the time each read completed: never buffered whole.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "record/credentials.hpp"
#include "record/url.hpp"

namespace harness::record {

struct UpstreamRequest {
  std::string method = "GET";
  Url url;            ///< where to connect; errors name redact_query(url.text)
  std::string target; ///< the request target sent (path and query)
  Headers headers;    ///< sent as given, in order; Host and Content-Length are set by the client
  std::optional<std::string> body;
};

struct ResponseHead {
  unsigned status = 0;
  std::string reason;
  Headers headers; ///< as received, in order (Transfer-Encoding and Content-Length included)
};

struct ClientCallbacks {
  /// Called once, when the status line and headers have arrived. An error ends the exchange.
  std::function<Status(const ResponseHead &)> on_head;
  /// Called for each read of the (de-chunked) body that produced bytes: the bytes, and the
  /// microseconds between the request having been written and the read having completed. An
  /// error ends the exchange.
  std::function<Status(std::string_view, int64_t)> on_body;
  /// Called (when set) with a sentence worth keeping beside the recording, e.g. that the body
  /// ended without a TLS close_notify.
  std::function<void(const std::string &)> on_note;
};

/// Sends `request` and reads the whole response. `timeout` bounds the connection (resolve,
/// connect, TLS handshake) and then every single write and read: a stream that keeps sending
/// never times out, one that falls silent for `timeout` does. Errors are one sentence naming
/// the upstream: cannot resolve, cannot connect (the system's reason, e.g. connection refused),
/// TLS certificate verification failed (OpenSSL's reason), TLS handshake failed, no answer
/// within the timeout, a malformed HTTP response, the connection closed early; or the error a
/// callback returned.
/// A close-delimited body (neither Content-Length nor chunked) over TLS whose connection ends
/// without a close_notify is complete, as browsers and curl take it (many servers and proxies,
/// Python's http.server among them, just close the socket): on_note says so. A body with a
/// length or chunked framing that ends early is still "closed before the end".
Status fetch(const UpstreamRequest &request, std::chrono::seconds timeout,
             const ClientCallbacks &callbacks);

} // namespace harness::record

#pragma once
// A tiny loopback HTTP/1.1 upstream for the record tests: a Boost.Beast server in a thread that
// accepts one connection, keeps the request it read, and answers with a known body in several
// chunks (HTTP chunks, or plain writes of a close-delimited body), sleeping between them; over
// plain TCP or over TLS with a given certificate.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/system/error_code.hpp>

namespace harness::test {

struct UpstreamReply {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers; ///< besides Content-Type
  std::vector<std::string> chunks;                           ///< each written as one HTTP chunk
  std::chrono::milliseconds gap{0};                          ///< sleep before every chunk but the first
  /// No chunked framing and no Content-Length: the body ends when the connection closes.
  bool close_delimited = false;
  /// PEM files: serve HTTPS with this certificate chain and key (url() then says https).
  std::string tls_cert_file, tls_key_file;
  /// TLS only: close the connection after the body without sending a close_notify.
  bool skip_close_notify = false;
};

class Upstream {
public:
  explicit Upstream(UpstreamReply reply);
  ~Upstream(); ///< stops waiting for a connection and joins the thread
  Upstream(const Upstream &) = delete;
  Upstream &operator=(const Upstream &) = delete;

  uint16_t port() const { return port_; }
  std::string url(const std::string &path = "/v1/chat/completions",
                  const std::string &host = "127.0.0.1") const;
  /// The request as received (head and body), once the exchange is over: call after the
  /// recorder has exited.
  std::string request() const;

private:
  void serve();
  /// Reads the request and writes the reply on `stream` (a socket or a TLS stream over one).
  template <class Stream> boost::system::error_code answer(Stream &stream);
  UpstreamReply reply_;
  std::atomic<uint16_t> port_{0};
  std::atomic<bool> stop_{false};
  std::string request_;
  std::thread thread_;
};

/// A loopback port nothing listens on (bound and closed at once).
uint16_t closed_port();

} // namespace harness::test

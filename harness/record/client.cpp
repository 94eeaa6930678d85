#include "record/client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>
#include <limits>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "serve/asio.hpp"

#ifndef SSEH_VERSION
#define SSEH_VERSION "unknown"
#endif

namespace harness::record {

namespace {

using namespace harness::asio_names;
using Clock = std::chrono::steady_clock;

/// Runs the asynchronous operation `start` begins to completion on `ioc` (the exchange is one
/// request at a time: async only so that beast::tcp_stream's timeouts apply).
template <class Start> error_code run(net::io_context &ioc, Start start) {
  error_code result = net::error::would_block;
  start([&result](error_code ec, auto &&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

class Exchange {
public:
  Exchange(const UpstreamRequest &request, std::chrono::seconds timeout,
           const ClientCallbacks &callbacks)
      : req_(request), timeout_(timeout), cb_(callbacks),
        upstream_(redact_query(request.url.text)) {}

  Status run_plain() {
    beast::tcp_stream stream(ioc_);
    if (Status s = connect(stream); !s)
      return s;
    Status s = exchange(stream, stream);
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return s;
  }

  Status run_tls() {
    net::ssl::context ctx(net::ssl::context::tls_client);
    error_code ec;
    ctx.set_default_verify_paths(ec);
    if (ec)
      return fail("cannot load the system's CA certificates: " + ec.message());
    ctx.set_verify_mode(net::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc_, ctx);
    // SNI: virtual hosts (and most CDNs) pick the certificate by it.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), req_.url.host.c_str()))
      return fail("cannot set the TLS server name");
    stream.set_verify_callback(net::ssl::host_name_verification(req_.url.host));
    beast::tcp_stream &lowest = beast::get_lowest_layer(stream);
    if (Status s = connect(lowest); !s)
      return s;
    lowest.expires_after(timeout_);
    ec = run(ioc_, [&](auto handler) {
      stream.async_handshake(net::ssl::stream_base::client, std::move(handler));
    });
    if (ec) {
      const long verify = SSL_get_verify_result(stream.native_handle());
      if (ec == beast::error::timeout)
        return fail("no TLS handshake within " + seconds());
      if (verify != X509_V_OK)
        return fail(std::string("TLS certificate verification failed: ") +
                    X509_verify_cert_error_string(verify));
      return fail("TLS handshake failed: " + ec.message());
    }
    Status s = exchange(stream, lowest);
    lowest.close(); // no close_notify wait: the response is complete or the exchange failed
    return s;
  }

private:
  Error fail(const std::string &why) const { return Error{upstream_, std::nullopt, why}; }
  std::string seconds() const { return std::to_string(timeout_.count()) + " s (--timeout)"; }

  Status connect(beast::tcp_stream &stream) {
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type endpoints;
    stream.expires_after(timeout_);
    error_code ec = run(ioc_, [&](auto handler) {
      resolver.async_resolve(req_.url.host, req_.url.port,
                             [&endpoints, handler](error_code e, tcp::resolver::results_type r) mutable {
                               endpoints = std::move(r);
                               handler(e);
                             });
    });
    if (ec)
      return fail("cannot resolve " + req_.url.host + ": " + ec.message());
    stream.expires_after(timeout_);
    ec = run(ioc_, [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); });
    if (ec == beast::error::timeout)
      return fail("cannot connect within " + seconds());
    if (ec)
      return fail("cannot connect: " + ec.message());
    return ok_status();
  }

  http::request<http::string_body> build_request() const {
    http::request<http::string_body> r;
    r.version(11);
    r.method_string(req_.method);
    r.target(req_.target);
    r.set(http::field::host, req_.url.host_header());
    bool has_agent = false;
    for (const auto &[name, value] : req_.headers) {
      if (beast::iequals(name, "host") || beast::iequals(name, "content-length"))
        continue;
      has_agent = has_agent || beast::iequals(name, "user-agent");
      r.insert(name, value);
    }
    if (!has_agent)
      r.set(http::field::user_agent, "sse-harness/" SSEH_VERSION);
    if (req_.body)
      r.body() = *req_.body;
    r.prepare_payload();
    return r;
  }

  template <class Stream> Status exchange(Stream &stream, beast::tcp_stream &lowest) {
    http::request<http::string_body> request = build_request();
    lowest.expires_after(timeout_);
    error_code ec = run(ioc_, [&](auto handler) {
      http::async_write(stream, request, std::move(handler));
    });
    if (ec == beast::error::timeout)
      return fail("cannot send the request within " + seconds());
    if (ec)
      return fail("cannot send the request: " + ec.message());
    const Clock::time_point sent = Clock::now();

    beast::flat_buffer buffer;
    http::response_parser<http::buffer_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    lowest.expires_after(timeout_);
    ec = run(ioc_, [&](auto handler) {
      http::async_read_header(stream, buffer, parser, std::move(handler));
    });
    if (ec)
      return read_error(ec, "the response head");
    ResponseHead head;
    head.status = parser.get().result_int();
    head.reason = std::string(parser.get().reason());
    for (const auto &field : parser.get())
      head.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    if (Status s = cb_.on_head(head); !s)
      return s;

    // One read at a time, so that each read's arrival is observed (read_some parses what one
    // socket read brought, or what the buffer already held).
    char chunk[64 * 1024];
    while (!parser.is_done()) {
      parser.get().body().data = chunk;
      parser.get().body().size = sizeof chunk;
      lowest.expires_after(timeout_);
      ec = run(ioc_, [&](auto handler) {
        http::async_read_some(stream, buffer, parser, std::move(handler));
      });
      if (ec == http::error::need_buffer)
        ec = {};
      if (ec == net::ssl::error::stream_truncated && ends_at_close(parser)) {
        parser.put_eof(ec);
        if (!ec && cb_.on_note)
          cb_.on_note("the upstream ended the close-delimited body without a TLS close_notify; "
                      "the end of the connection was taken as the end of the body");
      }
      if (ec)
        return read_error(ec, "the response body");
      const size_t n = sizeof chunk - parser.get().body().size;
      if (n == 0)
        continue;
      const auto us =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - sent).count();
      if (Status s = cb_.on_body(std::string_view(chunk, n), static_cast<int64_t>(us)); !s)
        return s;
    }
    return ok_status();
  }

  /// The body's end is the end of the connection: no Content-Length, not chunked.
  template <class Parser> static bool ends_at_close(const Parser &parser) {
    return parser.is_header_done() && !parser.chunked() && !parser.content_length() &&
           parser.need_eof();
  }

  Status read_error(error_code ec, const char *what) const {
    if (ec == beast::error::timeout)
      return fail(std::string("nothing received for ") + seconds() + " while reading " + what);
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == http::error::partial_message)
      return fail(std::string("the connection closed before the end of ") + what);
    return fail(std::string("cannot read ") + what + ": " + ec.message());
  }

  const UpstreamRequest &req_;
  std::chrono::seconds timeout_;
  const ClientCallbacks &cb_;
  std::string upstream_;
  net::io_context ioc_;
};

} // namespace

Status fetch(const UpstreamRequest &request, std::chrono::seconds timeout,
             const ClientCallbacks &callbacks) {
  Exchange exchange(request, timeout, callbacks);
  return request.url.tls ? exchange.run_tls() : exchange.run_plain();
}

} // namespace harness::record

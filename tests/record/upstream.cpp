#include "record/upstream.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sstream>

#include "serve/asio.hpp"

namespace harness::test {

using namespace harness::asio_names;

Upstream::Upstream(UpstreamReply reply) : reply_(std::move(reply)) {
  thread_ = std::thread([this] { serve(); });
  while (port_ == 0 && !stop_)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

Upstream::~Upstream() {
  stop_ = true;
  if (thread_.joinable())
    thread_.join();
}

std::string Upstream::url(const std::string &path, const std::string &host) const {
  return (reply_.tls_cert_file.empty() ? "http://" : "https://") + host + ":" +
         std::to_string(port_) + path;
}

std::string Upstream::request() const { return request_; }

template <class Stream> boost::system::error_code Upstream::answer(Stream &stream) {
  boost::system::error_code ec;
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  http::read(stream, buffer, req, ec);
  if (ec)
    return ec;
  std::ostringstream text;
  text << req;
  request_ = text.str();

  http::response<http::empty_body> res{static_cast<http::status>(reply_.status), 11};
  res.set(http::field::content_type,
          reply_.status == 200 ? "text/event-stream" : "application/json");
  for (const auto &[name, value] : reply_.headers)
    res.insert(name, value);
  if (reply_.close_delimited)
    res.set(http::field::connection, "close");
  else
    res.chunked(true);
  http::response_serializer<http::empty_body> sr(res);
  http::write_header(stream, sr, ec);
  for (size_t i = 0; i < reply_.chunks.size() && !ec; ++i) {
    if (i > 0)
      std::this_thread::sleep_for(reply_.gap);
    if (reply_.close_delimited)
      net::write(stream, net::buffer(reply_.chunks[i]), ec);
    else
      net::write(stream, http::make_chunk(net::buffer(reply_.chunks[i])), ec);
  }
  if (!ec && !reply_.close_delimited)
    net::write(stream, http::make_chunk_last(), ec);
  return ec;
}

void Upstream::serve() {
  net::io_context ioc;
  boost::system::error_code ec;
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  acceptor.non_blocking(true);
  port_ = acceptor.local_endpoint().port();
  tcp::socket socket(ioc);
  // Poll, so that a test in which the recorder never connects can still stop the thread.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!stop_ && std::chrono::steady_clock::now() < deadline) {
    acceptor.accept(socket, ec);
    if (!ec)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (!socket.is_open())
    return;
  socket.non_blocking(false);
  socket.set_option(tcp::no_delay(true));
  if (reply_.tls_cert_file.empty()) {
    ec = answer(socket);
  } else {
    net::ssl::context ctx(net::ssl::context::tls_server);
    ctx.use_certificate_chain_file(reply_.tls_cert_file, ec);
    if (!ec)
      ctx.use_private_key_file(reply_.tls_key_file, net::ssl::context::pem, ec);
    if (ec)
      return;
    net::ssl::stream<tcp::socket &> tls(socket, ctx);
    tls.handshake(net::ssl::stream_base::server, ec);
    if (ec) // e.g. the recorder refused the certificate
      return;
    ec = answer(tls);
    if (!ec && !reply_.skip_close_notify)
      tls.shutdown(ec); // sends close_notify; the client's reply (or none) ends it
    if (reply_.skip_close_notify) {
      socket.close(ec); // the body ends with the TCP connection, without a close_notify
      return;
    }
  }
  socket.shutdown(tcp::socket::shutdown_send, ec);
  // Wait for the client to close, so that the last bytes are not lost to a reset.
  char sink[256];
  ec = {};
  while (!ec)
    socket.read_some(net::buffer(sink), ec);
}

uint16_t closed_port() {
  net::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

} // namespace harness::test

#pragma once
// The Boost.Asio and Boost.Beast names every HTTP part of the harness uses (serve, record, the
// tests' loopback upstream), and the listening socket serve and `record --listen` both open.
// A .cpp file says `using namespace harness::asio_names;` inside its own namespace.
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace harness::asio_names {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

/// Opens `acceptor` on `endpoint` (SO_REUSEADDR, so a port just freed can be taken again), binds
/// it and listens with `backlog`; the first error, or none.
inline error_code listen_on(tcp::acceptor &acceptor, const tcp::endpoint &endpoint, int backlog) {
  error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec)
    acceptor.bind(endpoint, ec);
  if (!ec)
    acceptor.listen(backlog, ec);
  return ec;
}

} // namespace harness::asio_names

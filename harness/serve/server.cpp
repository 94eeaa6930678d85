#include "serve/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <memory>

#include "json/rapidjson.hpp"

namespace harness::serve {

namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

constexpr uint64_t kBodyLimit = 1u << 20;

/// The cases by id, and the server's defaults; shared by every session.
struct Catalog {
  std::map<std::string, corpus::Case, std::less<>> cases;
  ServerOptions options;
  uint16_t port = 0;
};

std::string json_string(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

std::string error_body(std::string_view message) {
  return R"({"error": {"message": )" + json_string(message) + "}}\n";
}

std::string_view endpoint_path(std::string_view dialect) {
  if (dialect == "anthropic-messages")
    return "/messages";
  if (dialect == "openai-responses")
    return "/responses";
  return "/chat/completions";
}

std::string index_body(const Catalog &catalog) {
  const std::string root = "http://" + catalog.options.host + ":" + std::to_string(catalog.port);
  std::string out = "{\"cases\": [";
  bool first = true;
  for (const auto &[id, c] : catalog.cases) {
    const std::string base = root + "/cases/" + id + "/-/v1";
    out += std::string(first ? "\n" : ",\n") + "  {\"id\": " + json_string(id) +
           ", \"dialect\": " + json_string(c.dialect) + ", \"title\": " + json_string(c.title) +
           ", \"base_url\": " + json_string(base) + ", \"stream_url\": " +
           json_string(base + std::string(endpoint_path(c.dialect))) +
           ", \"events_url\": " + json_string(base + "/events") + "}";
    first = false;
  }
  return out + "\n]}\n";
}

/// One connection: read a request, answer it, again while the client keeps the connection.
class Session : public std::enable_shared_from_this<Session> {
public:
  Session(tcp::socket socket, std::shared_ptr<const Catalog> catalog)
      : socket_(std::move(socket)), catalog_(std::move(catalog)) {}

  void start() { read(); }

private:
  void read() {
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](boost::beast::error_code ec, size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(boost::beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == net::error::eof)
      return close();
    if (ec == http::error::body_limit)
      return reply(http::status::payload_too_large, error_body("request body over 1 MiB"), false);
    if (ec)
      return reply(http::status::bad_request, error_body("malformed request: " + ec.message()),
                   false);
    const auto &req = parser_->get();
    keep_alive_ = req.keep_alive();
    const std::string_view target(req.target().data(), req.target().size());
    auto route = parse_target(target, catalog_->options.defaults);
    if (!route)
      return reply(http::status::bad_request, error_body(route.error().message), keep_alive_);
    if (!*route)
      return reply(http::status::not_found, error_body("no such route: " + std::string(target)),
                   keep_alive_);
    const Route &r = **route;
    const std::string_view method(req.method_string().data(), req.method_string().size());
    if (method != method_of(r.endpoint))
      return reply(http::status::method_not_allowed,
                   error_body(std::string(method_of(r.endpoint)) + " only"), keep_alive_);
    if (r.endpoint == Endpoint::index)
      return reply(http::status::ok, index_body(*catalog_), keep_alive_, "application/json");
    auto it = catalog_->cases.find(r.case_id);
    if (it == catalog_->cases.end())
      return reply(http::status::not_found, error_body("no such case: " + r.case_id),
                   keep_alive_);
    const auto dialect = dialect_of(r.endpoint);
    if (!dialect.empty() && dialect != it->second.dialect)
      return reply(http::status::not_found,
                   error_body("case " + r.case_id + " is " + it->second.dialect + ": use …/v1" +
                              std::string(endpoint_path(it->second.dialect))),
                   keep_alive_);
    stream(it->second.capture.stream(), r.options);
  }

  void reply(http::status status, std::string body, bool keep_alive,
             std::string_view type = "application/json") {
    auto res = std::make_shared<http::response<http::string_body>>(status, 11);
    res->set(http::field::server, "sse-harness");
    res->set(http::field::content_type, std::string(type));
    res->keep_alive(keep_alive);
    res->body() = std::move(body);
    res->prepare_payload();
    http::async_write(socket_, *res,
                      [self = shared_from_this(), res](boost::beast::error_code ec, size_t) {
                        if (ec || !res->keep_alive())
                          return self->close();
                        self->read();
                      });
  }

  /// Header, then one HTTP chunk per write of the split, then the last chunk.
  void stream(std::string_view bytes, const WireOptions &options) {
    writes_.clear();
    split::for_each_feed(options.writes, bytes,
                         [&](std::string_view slice) { writes_.push_back(slice); });
    next_write_ = 0;
    header_ = std::make_shared<http::response<http::empty_body>>(http::status::ok, 11);
    header_->set(http::field::server, "sse-harness");
    header_->set(http::field::content_type, "text/event-stream");
    header_->set(http::field::cache_control, "no-cache");
    header_->keep_alive(keep_alive_);
    header_->chunked(true);
    serializer_.emplace(*header_);
    http::async_write_header(socket_, *serializer_,
                             [self = shared_from_this()](boost::beast::error_code ec, size_t) {
                               if (ec)
                                 return self->close();
                               self->write_next();
                             });
  }

  void write_next() {
    auto done = [self = shared_from_this()](boost::beast::error_code ec, size_t) {
      if (ec)
        return self->close();
      self->write_next();
    };
    if (next_write_ < writes_.size()) {
      const auto slice = writes_[next_write_++];
      net::async_write(socket_, http::make_chunk(net::buffer(slice.data(), slice.size())),
                       std::move(done));
      return;
    }
    if (next_write_++ == writes_.size()) {
      net::async_write(socket_, http::make_chunk_last(), std::move(done));
      return;
    }
    if (!keep_alive_)
      return close();
    read();
  }

  void close() {
    boost::beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  std::shared_ptr<const Catalog> catalog_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keep_alive_ = false;
  std::shared_ptr<http::response<http::empty_body>> header_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::vector<std::string_view> writes_; ///< views into the case's stream, which outlives us
  size_t next_write_ = 0;
};

void accept(tcp::acceptor &acceptor, const std::shared_ptr<const Catalog> &catalog) {
  acceptor.async_accept([&acceptor, catalog](boost::beast::error_code ec, tcp::socket socket) {
    if (!ec)
      std::make_shared<Session>(std::move(socket), catalog)->start();
    accept(acceptor, catalog);
  });
}

} // namespace

Status serve(std::vector<corpus::Case> cases, const ServerOptions &options,
             const std::function<void(uint16_t)> &on_listening) {
  auto catalog = std::make_shared<Catalog>();
  catalog->options = options;
  for (auto &c : cases) {
    std::string id = c.id;
    catalog->cases.emplace(std::move(id), std::move(c));
  }
  net::io_context io;
  boost::beast::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec)
    return Error{options.host, std::nullopt, "not an IP address: " + ec.message()};
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec)
    acceptor.bind(endpoint, ec);
  if (!ec)
    acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Error{options.host + ":" + std::to_string(options.port), std::nullopt,
                 "cannot listen: " + ec.message()};
  catalog->port = acceptor.local_endpoint().port();
  on_listening(catalog->port);
  accept(acceptor, catalog);
  io.run();
  return ok_status();
}

} // namespace harness::serve

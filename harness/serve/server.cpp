#include "serve/server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <memory>

#include "json/rapidjson.hpp"
#include "serve/asio.hpp"
#include "sse/whole_stream.hpp"

namespace harness::serve {

namespace {

using namespace harness::asio_names;

constexpr uint64_t kBodyLimit = 1u << 20;
/// How long after the last byte a cut, reset or bad chunk comes.
constexpr std::chrono::milliseconds kFaultGrace{100};
/// How many accepts are kept pending (see Server::run).
constexpr int kPendingAccepts = 16;
/// What `bad-chunk:N` sends where a chunk-size line belongs: not hexadecimal.
constexpr std::string_view kBadChunk = "zz\r\n";

/// One case as the server sends it: the case and where its SSE events start (for `events` writes,
/// cut-events and error-event).
struct Served {
  corpus::Case c;
  std::vector<uint64_t> event_starts;
  /// The response headers the capture had (case.json response.headers, written by `record`),
  /// less those about framing and the connection, which the wire options decide; empty: none.
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Headers a replay must not copy from the capture: the wire options decide framing, encoding
/// and the connection.
bool framing_header(std::string_view name) {
  static constexpr std::string_view kSkip[] = {"transfer-encoding", "content-length", "connection",
                                               "keep-alive", "content-encoding", "date"};
  for (auto skip : kSkip)
    if (boost::beast::iequals(boost::beast::string_view(name.data(), name.size()),
                              boost::beast::string_view(skip.data(), skip.size())))
      return true;
  return false;
}

std::vector<std::pair<std::string, std::string>> recorded_headers(const corpus::Case &c) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!c.document || !c.document->IsObject() || !c.document->HasMember("response"))
    return out;
  const auto &response = (*c.document)["response"];
  if (!response.IsObject() || !response.HasMember("headers") || !response["headers"].IsObject())
    return out;
  for (const auto &h : response["headers"].GetObject())
    if (h.value.IsString() && !framing_header(h.name.GetString()))
      out.emplace_back(h.name.GetString(), h.value.GetString());
  return out;
}

/// The cases by id, and the server's defaults; shared by every session.
struct Catalog {
  std::map<std::string, Served, std::less<>> cases;
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

std::string index_body(const Catalog &catalog) {
  const std::string root = "http://" + catalog.options.host + ":" + std::to_string(catalog.port);
  std::string out = "{\"cases\": [";
  bool first = true;
  for (const auto &[id, served] : catalog.cases) {
    const corpus::Case &c = served.c;
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

std::string html_escape(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '&')
      out += "&amp;";
    else if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '"')
      out += "&quot;";
    else
      out += ch;
  }
  return out;
}

/// The case list as a small self-contained page, for a person with a browser (no scripts, no
/// external assets): each case with its dialect, title, base URL and a link to its event stream.
std::string index_page(const Catalog &catalog) {
  const std::string root = "http://" + catalog.options.host + ":" + std::to_string(catalog.port);
  std::string out =
      "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>sse-harness serve</title>"
      "<style>body{font-family:sans-serif}td{padding:2px 8px}code{font-size:90%}</style></head>"
      "<body><h1>sse-harness serve: " + std::to_string(catalog.cases.size()) + " cases</h1>"
      "<p>Base URL of a case: <code>" + html_escape(root) + "/cases/&lt;case&gt;/&lt;wire "
      "options&gt;/v1</code>; <code>-</code> for the defaults. The same list as JSON: "
      "<code>Accept: application/json</code>.</p>\n<table><tr><th>case</th><th>dialect</th>"
      "<th>title</th><th>base URL</th></tr>\n";
  for (const auto &[id, served] : catalog.cases) {
    const std::string base = root + "/cases/" + id + "/-/v1";
    out += "<tr><td><a href=\"" + html_escape(base + "/events") + "\">" + html_escape(id) +
           "</a></td><td>" + html_escape(served.c.dialect) + "</td><td>" +
           html_escape(served.c.title) + "</td><td><code>" + html_escape(base) +
           "</code></td></tr>\n";
  }
  return out + "</table></body></html>\n";
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
    // A connection that does not complete a request in time is closed: an idle client must not
    // hold a file descriptor for ever.
    timer_.expires_after(catalog_->options.request_timeout);
    timer_.async_wait([weak = weak_from_this()](boost::beast::error_code ec) {
      if (auto self = weak.lock(); self && !ec)
        self->close();
    });
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](boost::beast::error_code ec, size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(boost::beast::error_code ec) {
    timer_.cancel();
    if (ec == net::error::operation_aborted)
      return; // closed by the request timeout
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
    if (!accepts(r.endpoint, method))
      return reply(http::status::method_not_allowed,
                   error_body(std::string(method_of(r.endpoint)) + " only"), keep_alive_);
    if (r.endpoint == Endpoint::index) {
      // A browser asks for text/html first; everything else (curl, scripts) gets JSON.
      const auto accept = req[http::field::accept];
      const bool html = std::string_view(accept.data(), accept.size()).find("text/html") !=
                        std::string_view::npos;
      return html ? reply(http::status::ok, index_page(*catalog_), keep_alive_,
                          "text/html; charset=utf-8")
                  : reply(http::status::ok, index_body(*catalog_), keep_alive_,
                          "application/json");
    }
    auto it = catalog_->cases.find(r.case_id);
    if (it == catalog_->cases.end())
      return reply(http::status::not_found, error_body("no such case: " + r.case_id),
                   keep_alive_);
    const corpus::Case &c = it->second.c;
    const auto dialect = dialect_of(r.endpoint);
    if (!dialect.empty() && dialect != c.dialect)
      return reply(http::status::not_found,
                   error_body("case " + r.case_id + " is " + c.dialect + ": use …/v1" +
                              std::string(endpoint_path(c.dialect))),
                   keep_alive_);
    auto p = plan(c.capture.stream(), it->second.event_starts, c.dialect, r.options, c.timing);
    if (!p)
      return reply(http::status::bad_request, error_body(p.error().str()), keep_alive_);
    plan_ = std::move(*p);
    served_ = &it->second;
    if (req.version() < 11) // HTTP/1.0 has no chunked encoding: the body ends at the close
      plan_.framing = Framing::close;
    if (plan_.status != 200)
      return reply(static_cast<http::status>(plan_.status), std::string(plan_.body), keep_alive_);
    stream();
  }

  void reply(http::status status, std::string body, bool keep_alive,
             std::string_view type = "application/json") {
    auto res = std::make_shared<http::response<http::string_body>>(status, 11);
    res->set(http::field::server, "sse-harness");
    res->set(http::field::content_type, std::string(type));
    res->set(http::field::access_control_allow_origin, "*");
    if (status == http::status::too_many_requests)
      res->set(http::field::retry_after, "1");
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

  /// The header, then the plan's writes (each one HTTP chunk, or raw bytes when close-delimited)
  /// with their pauses, then the plan's ending.
  void stream() {
    next_write_ = 0;
    due_ = std::chrono::steady_clock::now();
    header_ = std::make_shared<http::response<http::empty_body>>(http::status::ok, 11);
    header_->set(http::field::server, "sse-harness");
    header_->set(http::field::content_type, "text/event-stream");
    header_->set(http::field::cache_control, "no-cache");
    header_->set(http::field::access_control_allow_origin, "*");
    for (const auto &[name, value] : served_->headers) // the capture's own, where it has them
      header_->set(name, value);
    if (plan_.framing == Framing::close)
      keep_alive_ = false;
    header_->keep_alive(keep_alive_);
    header_->chunked(plan_.framing == Framing::chunked);
    serializer_.emplace(*header_);
    http::async_write_header(socket_, *serializer_,
                             [self = shared_from_this()](boost::beast::error_code ec, size_t) {
                               if (ec)
                                 return self->close();
                               self->pause_then_write();
                             });
  }

  /// Pauses are kept on a schedule from the start of the body (write i is due at the sum of the
  /// pauses up to it), so the time writes take does not add up over a recorded timing.
  void pause_then_write() {
    const uint32_t ms = next_write_ < plan_.pause_ms.size() ? plan_.pause_ms[next_write_] : 0;
    if (ms == 0)
      return write_next();
    due_ += std::chrono::milliseconds(ms);
    timer_.expires_at(due_);
    timer_.async_wait([self = shared_from_this()](boost::beast::error_code ec) {
      if (ec)
        return self->close();
      self->write_next();
    });
  }

  void write_next() {
    auto done = [self = shared_from_this()](boost::beast::error_code ec, size_t) {
      if (ec)
        return self->close();
      self->pause_then_write();
    };
    if (next_write_ < plan_.ends.size()) {
      const size_t from = next_write_ ? plan_.ends[next_write_ - 1] : 0;
      const auto buffer = net::buffer(plan_.body.data() + from, plan_.ends[next_write_] - from);
      ++next_write_;
      if (plan_.framing == Framing::chunked)
        net::async_write(socket_, http::make_chunk(buffer), std::move(done));
      else
        net::async_write(socket_, buffer, std::move(done));
      return;
    }
    if (plan_.ending == Ending::complete)
      return end_stream();
    // A fault ends the connection a moment after the last byte, so that what was sent has
    // arrived and is the client's to deliver (Chromium drops data that comes with the failure).
    timer_.expires_after(kFaultGrace);
    timer_.async_wait([self = shared_from_this()](boost::beast::error_code ec) {
      if (ec)
        return self->close();
      self->end_stream();
    });
  }

  void end_stream() {
    switch (plan_.ending) {
    case Ending::complete:
      if (plan_.framing == Framing::close)
        return close();
      return net::async_write(socket_, http::make_chunk_last(),
                              [self = shared_from_this()](boost::beast::error_code ec, size_t) {
                                if (ec || !self->keep_alive_)
                                  return self->close();
                                self->read();
                              });
    case Ending::close:
      return close();
    case Ending::reset: {
      boost::beast::error_code ignored;
      socket_.set_option(net::socket_base::linger(true, 0), ignored);
      socket_.close(ignored);
      return;
    }
    case Ending::bad_chunk:
      return net::async_write(socket_, net::buffer(kBadChunk.data(), kBadChunk.size()),
                              [self = shared_from_this()](boost::beast::error_code, size_t) {
                                self->close();
                              });
    }
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
  net::steady_timer timer_{socket_.get_executor()};
  Plan plan_;              ///< what the current stream response sends
  const Served *served_ = nullptr; ///< the case being streamed (owned by the catalog)
  size_t next_write_ = 0;  ///< the plan's next write
  std::chrono::steady_clock::time_point due_; ///< when the last paused write was due
};

/// Accepts connections until the acceptor is closed. When accepting fails (out of file
/// descriptors under load, say), waits a moment instead of spinning.
void accept(tcp::acceptor &acceptor, net::steady_timer &backoff,
            const std::shared_ptr<const Catalog> &catalog) {
  acceptor.async_accept([&acceptor, &backoff, catalog](boost::beast::error_code ec,
                                                       tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor.is_open())
      return;
    if (!ec) {
      std::make_shared<Session>(std::move(socket), catalog)->start();
      return accept(acceptor, backoff, catalog);
    }
    backoff.expires_after(std::chrono::milliseconds(20));
    backoff.async_wait([&acceptor, &backoff, catalog](boost::beast::error_code) {
      accept(acceptor, backoff, catalog);
    });
  });
}

} // namespace

struct Server::Impl {
  net::io_context io;
  tcp::acceptor acceptor{io};
  std::vector<std::unique_ptr<net::steady_timer>> backoffs; ///< one per pending accept
  std::shared_ptr<Catalog> catalog = std::make_shared<Catalog>();
};

Server::Server(std::vector<corpus::Case> cases, const ServerOptions &options)
    : impl_(std::make_unique<Impl>()) {
  impl_->catalog->options = options;
  for (auto &c : cases) {
    std::string id = c.id;
    auto starts = sse::event_offsets(c.capture.stream());
    auto headers = recorded_headers(c);
    impl_->catalog->cases.emplace(std::move(id),
                                  Served{std::move(c), std::move(starts), std::move(headers)});
  }
}

Server::~Server() = default;

Result<uint16_t> Server::listen() {
  const ServerOptions &options = impl_->catalog->options;
  boost::beast::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec)
    return Error{options.host, std::nullopt, "not an IP address: " + ec.message()};
  tcp::acceptor &acceptor = impl_->acceptor;
  ec = listen_on(acceptor, tcp::endpoint(address, options.port),
                 net::socket_base::max_listen_connections);
  if (ec)
    return Error{options.host + ":" + std::to_string(options.port), std::nullopt,
                 "cannot listen: " + ec.message()};
  impl_->catalog->port = acceptor.local_endpoint().port();
  return impl_->catalog->port;
}

void Server::run() {
  // Several accepts pending at once: one pending accept is served once per pass of the event
  // loop, which starves new connections while thousands of streams are being written.
  for (int i = 0; i < kPendingAccepts; ++i) {
    impl_->backoffs.push_back(std::make_unique<net::steady_timer>(impl_->io));
    accept(impl_->acceptor, *impl_->backoffs.back(), impl_->catalog);
  }
  impl_->io.run();
}

void Server::stop() { impl_->io.stop(); }

Status serve(std::vector<corpus::Case> cases, const ServerOptions &options,
             const std::function<void(uint16_t)> &on_listening) {
  Server server(std::move(cases), options);
  auto port = server.listen();
  if (!port)
    return port.error();
  on_listening(*port);
  server.run();
  return ok_status();
}

} // namespace harness::serve

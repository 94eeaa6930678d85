#include <optional>

#include "json/rapidjson.hpp"
#include "record/record.hpp"
#include "serve/asio.hpp"

namespace harness::record {

namespace {

using namespace harness::asio_names;

constexpr uint64_t kRequestBodyLimit = 64u << 20;

std::string error_body(std::string_view message) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("error");
  w.StartObject();
  w.Key("message");
  w.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  w.EndObject();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

/// Relays one response to the caller as it arrives: the head once, then each body read.
class Relay {
public:
  explicit Relay(tcp::socket &caller) : caller_(caller) {}

  Status head(const ResponseHead &h) {
    response_.emplace();
    response_->version(11);
    response_->result(h.status);
    response_->reason(h.reason);
    for (const auto &[name, value] : h.headers)
      if (!is_hop_by_hop(name) || beast::iequals(name, "transfer-encoding"))
        response_->insert(name, value); // Transfer-Encoding kept: the serializer chunks by it
    response_->set(http::field::connection, "close");
    response_->body().data = nullptr;
    response_->body().more = true;
    serializer_.emplace(*response_);
    error_code ec;
    http::write_header(caller_, *serializer_, ec);
    return check(ec);
  }

  Status body(std::string_view bytes) {
    response_->body().data = const_cast<char *>(bytes.data()); // only read by the serializer
    response_->body().size = bytes.size();
    response_->body().more = true;
    error_code ec;
    http::write(caller_, *serializer_, ec);
    if (ec == http::error::need_buffer)
      ec = {};
    return check(ec);
  }

  Status finish() {
    response_->body().data = nullptr;
    response_->body().size = 0;
    response_->body().more = false;
    error_code ec;
    http::write(caller_, *serializer_, ec);
    if (ec == http::error::need_buffer)
      ec = {};
    return check(ec);
  }

  bool started() const { return serializer_.has_value(); }

private:
  Status check(error_code ec) const {
    if (ec)
      return Error{"", std::nullopt, "cannot relay the response to the caller: " + ec.message()};
    return ok_status();
  }

  tcp::socket &caller_;
  std::optional<http::response<http::buffer_body>> response_;
  std::optional<http::response_serializer<http::buffer_body>> serializer_;
};

} // namespace

Result<Recording> record_listen(const RecordOptions &options, const ListenOptions &listen,
                                const std::function<void(const std::string &)> &on_listening) {
  const std::string where = listen.host + ":" + std::to_string(listen.port);
  error_code ec;
  net::io_context ioc;
  const net::ip::address address = net::ip::make_address(listen.host, ec);
  if (ec)
    return Error{where, std::nullopt, "--listen needs an IP address: " + ec.message()};
  tcp::acceptor acceptor(ioc);
  ec = listen_on(acceptor, tcp::endpoint(address, listen.port), 1);
  if (ec)
    return Error{where, std::nullopt, "cannot listen: " + ec.message()};
  const uint16_t port = acceptor.local_endpoint().port();
  const std::string host = address.is_v6() ? "[" + listen.host + "]" : listen.host;
  on_listening("http://" + host + ":" + std::to_string(port) + "/");

  tcp::socket caller(ioc);
  acceptor.accept(caller, ec);
  if (ec)
    return Error{where, std::nullopt, "cannot accept a connection: " + ec.message()};
  beast::flat_buffer buffer;
  http::request_parser<http::string_body> parser;
  parser.body_limit(kRequestBodyLimit);
  http::read(caller, buffer, parser, ec);
  if (ec)
    return Error{where, std::nullopt, "cannot read the caller's request: " + ec.message()};
  const auto &in = parser.get();

  Recording r;
  r.request.url = options.upstream;
  r.request.method = std::string(in.method_string());
  r.request.target = join_target(options.upstream, std::string(in.target()));
  for (const auto &field : in) {
    const std::string name(field.name_string());
    if (beast::iequals(name, "host") || beast::iequals(name, "content-length") ||
        beast::iequals(name, "accept-encoding") || is_hop_by_hop(name))
      continue;
    r.request.headers.emplace_back(name, std::string(field.value()));
  }
  if (!in.body().empty() || in.has_content_length())
    r.request.body = in.body();

  Relay relay(caller);
  ClientCallbacks cb;
  cb.on_head = [&](const ResponseHead &head) {
    r.head = head;
    return relay.head(head);
  };
  cb.on_body = [&](std::string_view bytes, int64_t us) {
    r.arrivals.push_back({r.body.size(), us});
    r.body.append(bytes);
    return relay.body(bytes);
  };
  cb.on_note = [&](const std::string &note) { r.notes.push_back(note); };
  Status fetched = fetch(r.request, options.timeout, cb);
  if (!fetched && !relay.started()) {
    http::response<http::string_body> bad{http::status::bad_gateway, 11};
    bad.set(http::field::content_type, "application/json");
    bad.set(http::field::connection, "close");
    bad.body() = error_body("sse-harness record: " + fetched.error().str());
    bad.prepare_payload();
    error_code ignored;
    http::write(caller, bad, ignored);
  }
  if (!fetched)
    return fetched.error();
  if (Status s = relay.finish(); !s)
    return s.error();
  caller.shutdown(tcp::socket::shutdown_send, ec);
  return r;
}

} // namespace harness::record

#include "record/record.hpp"

#include <charconv>

namespace harness::record {

namespace {

bool has_header(const Headers &headers, std::string_view name) {
  for (const auto &h : headers)
    if (h.first.size() == name.size() &&
        std::equal(h.first.begin(), h.first.end(), name.begin(), [](char a, char b) {
          return (a | 0x20) == (b | 0x20);
        }))
      return true;
  return false;
}

} // namespace

Result<Recording> record_direct(const RecordOptions &options, std::ostream &body_out) {
  Recording r;
  r.request.url = options.upstream;
  r.request.target = options.upstream.target();
  r.request.method = options.method.empty() ? (options.body ? "POST" : "GET") : options.method;
  r.request.headers = options.headers;
  r.request.body = options.body;
  if (options.body && !has_header(r.request.headers, "content-type"))
    r.request.headers.emplace_back("Content-Type", "application/json");

  ClientCallbacks cb;
  cb.on_head = [&](const ResponseHead &head) {
    r.head = head;
    return ok_status();
  };
  cb.on_body = [&](std::string_view bytes, int64_t us) {
    r.arrivals.push_back({r.body.size(), us});
    r.body.append(bytes);
    body_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    body_out.flush();
    return ok_status();
  };
  cb.on_note = [&](const std::string &note) { r.notes.push_back(note); };
  if (Status s = fetch(r.request, options.timeout, cb); !s)
    return s.error();
  return r;
}

Result<ListenOptions> parse_listen(const std::string &text) {
  auto bad = [&] {
    return Error{text, std::nullopt, "--listen takes HOST:PORT, e.g. 127.0.0.1:0"};
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return bad();
  ListenOptions l;
  l.host = text.substr(0, colon);
  if (l.host.size() > 2 && l.host.front() == '[' && l.host.back() == ']')
    l.host = l.host.substr(1, l.host.size() - 2);
  const char *first = text.data() + colon + 1, *last = text.data() + text.size();
  auto [end, ec] = std::from_chars(first, last, l.port);
  if (ec != std::errc() || end != last || first == last)
    return bad();
  return l;
}

} // namespace harness::record

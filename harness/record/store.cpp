#include "record/store.hpp"

#include <cctype>
#include <chrono>
#include <ctime>

#include "dialect/dialect.hpp"
#include "json/rapidjson.hpp"

namespace harness::record {

namespace {

using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

Value str(std::string_view s, Alloc &a) { return json::string_value(s, a); }

std::string leaf_of(std::string_view case_name) {
  const size_t slash = case_name.rfind('/');
  return std::string(slash == std::string_view::npos ? case_name : case_name.substr(slash + 1));
}

/// "12.345": milliseconds with microsecond precision, exact (no floating point on the way out).
std::string millis(int64_t us) {
  std::string frac = std::to_string(us % 1000);
  return std::to_string(us / 1000) + "." + std::string(3 - frac.size(), '0') + frac;
}

std::string timing_json(const std::vector<corpus::Arrival> &arrivals) {
  std::string out = "[";
  for (size_t i = 0; i < arrivals.size(); ++i)
    out += std::string(i ? ",\n" : "\n") + "  {\"offset\": " + std::to_string(arrivals[i].offset) +
           ", \"ms\": " + millis(arrivals[i].microseconds) + "}";
  return out + (arrivals.empty() ? "]\n" : "\n]\n");
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Value headers_object(const Headers &headers, Alloc &a) {
  Value h(rapidjson::kObjectType);
  for (const auto &[name, value] : headers) {
    auto it = h.FindMember(str(name, a));
    if (it != h.MemberEnd()) // a repeated header: values joined as HTTP allows
      it->value = str(std::string(it->value.GetString(), it->value.GetStringLength()) + ", " + value, a);
    else
      h.AddMember(str(name, a), str(value, a), a);
  }
  return h;
}

std::string join(const std::vector<std::string> &names) {
  std::string out;
  for (const std::string &n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// " Note." per note, each ending with a full stop, for the provenance notes.
std::string joined_notes(const std::vector<std::string> &notes) {
  std::string out;
  for (const auto &n : notes) {
    if (n.empty())
      continue;
    std::string sentence = n;
    sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    out += " " + sentence + ".";
  }
  return out;
}

} // namespace

bool should_store(const Recording &r, const StoreOptions &options) {
  return (r.head.status >= 200 && r.head.status < 300) || options.keep_errors;
}

Error status_error(const Recording &r) {
  std::string first = r.body.substr(0, r.body.find_first_of("\r\n"));
  if (first.size() > 200)
    first = first.substr(0, 200) + "...";
  std::string message = "answered " + std::to_string(r.head.status) +
                        (r.head.reason.empty() ? "" : " " + r.head.reason);
  message += first.empty() ? " with an empty body" : ": " + first;
  return Error{redact_query(r.request.url.text), std::nullopt,
               message + " (not stored; --keep-errors stores it)"};
}

Result<Stored> store_recording(const Recording &r, const StoreOptions &options) {
  const std::string upstream = redact_query(r.request.url.text);
  if (r.body.empty())
    return Error{upstream, std::nullopt, "sent an empty body: nothing to store"};
  Stored out;
  std::vector<std::string> dropped_request, dropped_response;
  const Headers request_headers = without_credentials(r.request.headers, dropped_request);
  const Headers response_headers = without_credentials(r.head.headers, dropped_response);
  if (!dropped_request.empty())
    out.notes.push_back("request header(s) not stored: " + join(dropped_request));
  if (!dropped_response.empty())
    out.notes.push_back("response header(s) not stored: " + join(dropped_response));
  out.notes.insert(out.notes.end(), r.notes.begin(), r.notes.end());

  out.dialect = std::string(dialect::detect_dialect(r.body));
  const std::string model = corpus::stream_model(r.body);
  const std::string provider = corpus::guess_provider(model);
  const std::string leaf = leaf_of(options.case_name);
  const std::string stream_file = leaf + ".sse";
  const std::string source = "recorded from " + upstream;

  rapidjson::Document doc(rapidjson::kObjectType);
  Alloc &a = doc.GetAllocator();
  doc.AddMember("case_format", 1, a);
  doc.AddMember("title", str(r.request.method + " " + upstream, a), a);
  doc.AddMember("why", str(source + " with sse-harness record", a), a);
  Value stream(rapidjson::kObjectType);
  stream.AddMember("file", str(stream_file, a), a);
  stream.AddMember("capture", "raw", a);
  stream.AddMember("timing", str(corpus::kTimingFile, a), a);
  doc.AddMember("stream", stream, a);

  Value prov(rapidjson::kObjectType);
  prov.AddMember("source", str(source, a), a);
  prov.AddMember("provider", str(provider, a), a);
  prov.AddMember("model", str(model.empty() ? "unknown" : model, a), a);
  prov.AddMember("via", "sse-harness record", a);
  prov.AddMember("licence", "unknown", a);
  prov.AddMember("reconstructed", false, a);
  prov.AddMember("notes",
                 str("Recorded " + utc_now() + "; the response body byte for byte (de-chunked), " +
                         std::to_string(r.arrivals.size()) + " reads timed in " +
                         corpus::kTimingFile + "." + joined_notes(r.notes),
                     a),
                 a);
  doc.AddMember("provenance", prov, a);

  rapidjson::Document request = corpus::request_document(
      r.request.method, redact_query(r.request.url.text), request_headers, r.request.body,
      std::nullopt);
  request.AddMember("path", str(redact_query(r.request.target), request.GetAllocator()),
                    request.GetAllocator());
  doc.AddMember("request", Value(request, a), a);

  Value response(rapidjson::kObjectType);
  response.AddMember("status", r.head.status, a);
  if (!r.head.reason.empty())
    response.AddMember("reason", str(r.head.reason, a), a);
  response.AddMember("headers", headers_object(response_headers, a), a);
  doc.AddMember("response", response, a);

  doc.AddMember("dialect", str(out.dialect, a), a);
  Value tags(rapidjson::kArrayType);
  for (auto tag : {corpus::make_tag("provider", provider), corpus::make_tag("model", model),
                   corpus::make_tag("dialect", out.dialect),
                   corpus::make_tag("capture", "recorded")})
    if (tag)
      tags.PushBack(str(*tag, a), a);
  doc.AddMember("tags", tags, a);
  doc.AddMember("expect", Value(rapidjson::kObjectType), a);

  corpus::NewCase nc;
  nc.case_name = options.case_name;
  nc.corpus_dir = options.corpus_dir;
  nc.force = options.force;
  nc.deviations = options.deviations;
  nc.culprit = upstream;
  nc.files.emplace_back(stream_file, r.body);
  nc.files.emplace_back(corpus::kTimingFile, timing_json(r.arrivals));
  if (r.head.status >= 200 && r.head.status < 300)
    nc.no_events = Error{upstream, std::nullopt,
                         "answered " + std::to_string(r.head.status) +
                             " without any SSE event in the body (is streaming requested?)"};
  Result<corpus::WrittenCase> written = corpus::write_new_case(nc, doc);
  if (!written)
    return written.error();
  out.written = std::move(written.value());
  return out;
}

} // namespace harness::record

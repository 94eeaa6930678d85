#include "report/event_log_json.hpp"

#include "json/rapidjson.hpp"

namespace harness::report {

namespace {

void write_string(rapidjson::Writer<rapidjson::StringBuffer> &w, const std::string &s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

} // namespace

std::string to_json_line(const pipeline::LoggedEvent &event) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("index");
  w.Uint64(event.index);
  w.Key("offset");
  w.Uint64(event.offset);
  w.Key("type");
  write_string(w, event.type);
  w.Key("data");
  write_string(w, event.data);
  w.Key("id");
  write_string(w, event.id);
  if (!event.retry.empty()) {
    // The decimal text itself: lossless for any integer an implementation accepted.
    w.Key("retry");
    w.RawValue(event.retry.data(), event.retry.size(), rapidjson::kNumberType);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string to_json_lines(const pipeline::EventLog &log) {
  std::string out;
  for (const auto &e : log)
    out.append(to_json_line(e)).push_back('\n');
  return out;
}

} // namespace harness::report

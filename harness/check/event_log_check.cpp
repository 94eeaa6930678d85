#include "check/event_log_check.hpp"

#include <algorithm>

#include "check/compare.hpp"
#include "json/rapidjson.hpp"
#include "report/event_log_json.hpp"

namespace harness::check {

namespace {

/// An expected entry as a JSON line, its absent fields left out (for a "missing" message).
std::string describe_expected(const corpus::ExpectedEvent &e) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto text = [&](const char *key, const std::optional<std::string> &v) {
    if (!v)
      return;
    w.Key(key);
    w.String(v->data(), static_cast<rapidjson::SizeType>(v->size()));
  };
  w.StartObject();
  if (e.index) {
    w.Key("index");
    w.Uint64(*e.index);
  }
  if (e.offset) {
    w.Key("offset");
    w.Uint64(*e.offset);
  }
  text("type", e.type);
  text("data", e.data);
  text("id", e.id);
  if (e.retry && !e.retry->empty()) {
    w.Key("retry");
    w.RawValue(e.retry->data(), e.retry->size(), rapidjson::kNumberType);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::optional<std::string> field_difference(const corpus::ExpectedEvent &want,
                                            const pipeline::LoggedEvent &got,
                                            bool compare_positions) {
  auto number = [](const char *field, uint64_t w, uint64_t g) -> std::optional<std::string> {
    if (w == g)
      return std::nullopt;
    return std::string(field) + ": expected " + std::to_string(w) + ", got " + std::to_string(g);
  };
  auto text = [](const char *field, const std::string &w,
                 const std::string &g) -> std::optional<std::string> {
    if (w == g)
      return std::nullopt;
    return std::string(field) + ": " + describe_string_difference(w, g);
  };
  std::optional<std::string> d;
  if (compare_positions && want.index && (d = number("index", *want.index, got.index)))
    return d;
  if (compare_positions && want.offset && (d = number("offset", *want.offset, got.offset)))
    return d;
  if (want.type && (d = text("type", *want.type, got.type)))
    return d;
  if (want.data && (d = text("data", *want.data, got.data)))
    return d;
  if (want.id && (d = text("id", *want.id, got.id)))
    return d;
  if (want.retry && *want.retry != got.retry)
    return "retry: expected " + (want.retry->empty() ? "none" : *want.retry) + ", got " +
           (got.retry.empty() ? "none" : got.retry);
  return std::nullopt;
}

} // namespace

std::optional<std::string> event_log_difference(std::string_view label,
                                                const std::vector<corpus::ExpectedEvent> &expected,
                                                const pipeline::EventLog &actual,
                                                bool compare_positions) {
  const std::string prefix = std::string(label) + ": ";
  const size_t common = std::min(expected.size(), actual.size());
  for (size_t i = 0; i < common; ++i)
    if (auto d = field_difference(expected[i], actual[i], compare_positions))
      return prefix + "event " + std::to_string(i) + ": " + *d;
  const std::string counts = std::to_string(expected.size()) + " events expected, " +
                             std::to_string(actual.size()) + " dispatched; event " +
                             std::to_string(common);
  if (expected.size() > actual.size())
    return prefix + counts + " missing: " + describe_expected(expected[common]);
  if (actual.size() > expected.size())
    return prefix + counts + " not expected: " + report::to_json_line(actual[common]);
  return std::nullopt;
}

std::vector<corpus::ExpectedEvent> as_expected(const pipeline::EventLog &log) {
  std::vector<corpus::ExpectedEvent> out;
  out.reserve(log.size());
  for (const auto &e : log) {
    corpus::ExpectedEvent x;
    x.index = e.index;
    x.offset = e.offset;
    x.type = e.type;
    x.data = e.data;
    x.id = e.id;
    x.retry = e.retry; // "" = none: compared too
    out.push_back(std::move(x));
  }
  return out;
}

} // namespace harness::check

#include "report/report_json.hpp"

#include <cmath>

#include "corpus/case_writer.hpp"

namespace harness::report {

namespace {

using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

Value str(std::string_view s, Alloc &a) { return json::string_value(s, a); }

Value strings(const std::vector<std::string> &list, Alloc &a) {
  Value v(rapidjson::kArrayType);
  for (const auto &s : list)
    v.PushBack(str(s, a), a);
  return v;
}

/// Seconds rounded to the microsecond, so reports do not carry float noise.
Value seconds_value(double s) { return Value(std::round(s * 1e6) / 1e6); }

Value findings(const std::vector<Finding> &list, Alloc &a) {
  Value v(rapidjson::kArrayType);
  for (const auto &f : list) {
    Value o(rapidjson::kObjectType);
    o.AddMember("rule", str(f.rule, a), a);
    o.AddMember("severity", str(to_string(f.severity), a), a);
    o.AddMember("offset", Value(static_cast<uint64_t>(f.offset)), a);
    o.AddMember("event", Value(static_cast<uint64_t>(f.event)), a);
    o.AddMember("message", str(f.message, a), a);
    v.PushBack(o, a);
  }
  return v;
}

std::string base64(std::string_view bytes) {
  static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                   static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                   static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6)
      out += table[(n >> k) & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2)
      n |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += rest == 2 ? table[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

Value case_info(const CaseInfo &c, bool streams, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("id", str(c.id, a), a);
  v.AddMember("title", str(c.title, a), a);
  v.AddMember("why", str(c.why, a), a);
  v.AddMember("dialect", str(c.dialect, a), a);
  v.AddMember("file", str(c.file, a), a);
  v.AddMember("tags", strings(c.tags, a), a);
  v.AddMember("bytes", Value(static_cast<uint64_t>(c.stream.empty() ? c.unloaded_bytes
                                                                     : c.stream.size())),
              a);
  Value starts(rapidjson::kArrayType);
  for (const auto s : c.event_starts)
    starts.PushBack(Value(static_cast<uint64_t>(s)), a);
  v.AddMember("event_starts", starts, a);
  Value timing(rapidjson::kArrayType);
  for (const auto &[offset, us] : c.timing) {
    Value t(rapidjson::kObjectType);
    t.AddMember("offset", Value(static_cast<uint64_t>(offset)), a);
    t.AddMember("ms", Value(static_cast<double>(us) / 1000.0), a);
    timing.PushBack(t, a);
  }
  v.AddMember("timing", timing, a);
  v.AddMember("findings", findings(c.findings, a), a);
  if (streams)
    v.AddMember("stream_base64", str(base64(c.stream), a), a);
  return v;
}

Value entry(const Entry &e, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("case", e.case_id.empty() ? Value(rapidjson::kNullType) : str(e.case_id, a), a);
  v.AddMember("impl", str(e.impl, a), a);
  v.AddMember("kind", str(e.kind, a), a);
  v.AddMember("variant", str(e.variant, a), a);
  v.AddMember("outcome", str(to_string(e.outcome), a), a);
  Value parts(rapidjson::kArrayType);
  for (const auto &p : e.parts) {
    Value o(rapidjson::kObjectType);
    o.AddMember("name", str(p.name, a), a);
    o.AddMember("outcome", str(to_string(p.outcome), a), a);
    o.AddMember("lines", strings(p.lines, a), a);
    parts.PushBack(o, a);
  }
  v.AddMember("parts", parts, a);
  v.AddMember("reason", str(e.reason, a), a);
  v.AddMember("notes", strings(e.notes, a), a);
  v.AddMember("summary", str(e.summary, a), a);
  v.AddMember("seconds", seconds_value(e.seconds), a);
  v.AddMember("replays", Value(static_cast<uint64_t>(e.replays)), a);
  v.AddMember("split_points", Value(static_cast<uint64_t>(e.split_points)), a);
  if (e.expected)
    v.AddMember("expected", Value(*e.expected, a), a);
  if (e.actual)
    v.AddMember("actual", Value(*e.actual, a), a);
  v.AddMember("findings", findings(e.findings, a), a);
  return v;
}

} // namespace

rapidjson::Document to_document(const Run &run, bool streams) {
  rapidjson::Document d(rapidjson::kObjectType);
  auto &a = d.GetAllocator();
  d.AddMember("report", "sse-harness", a);
  d.AddMember("version", 1, a);
  d.AddMember("command", str(run.command, a), a);
  d.AddMember("started", str(run.started, a), a);
  d.AddMember("seconds", seconds_value(run.seconds), a);
  d.AddMember("shard", str(run.shard, a), a);
  d.AddMember("invocation", str(run.invocation, a), a);
  d.AddMember("totals", str(run.totals, a), a);
  Value fail_on(rapidjson::kArrayType);
  for (const auto o : run.fail_on)
    fail_on.PushBack(str(to_string(o), a), a);
  d.AddMember("fail_on", fail_on, a);
  Value counts(rapidjson::kObjectType);
  const auto n = count(run);
  for (const auto o : kOutcomes)
    counts.AddMember(str(to_string(o), a), Value(static_cast<uint64_t>(n[static_cast<size_t>(o)])),
                     a);
  d.AddMember("counts", counts, a);
  d.AddMember("failing", failing(run), a);
  Value impls(rapidjson::kArrayType);
  for (size_t i = 0; i < run.implementations.size(); ++i) {
    Value o(rapidjson::kObjectType);
    o.AddMember("name", str(run.implementations[i], a), a);
    o.AddMember("kind", str(i < run.kinds.size() ? run.kinds[i] : "", a), a);
    impls.PushBack(o, a);
  }
  d.AddMember("implementations", impls, a);
  Value cases(rapidjson::kArrayType);
  for (const auto &c : run.cases)
    cases.PushBack(case_info(c, streams, a), a);
  d.AddMember("cases", cases, a);
  Value entries(rapidjson::kArrayType);
  for (const auto &e : run.entries)
    entries.PushBack(entry(e, a), a);
  d.AddMember("entries", entries, a);
  if (run.unused_deviations && !run.shard.empty()) {
    Value unused(rapidjson::kArrayType);
    for (const auto &u : *run.unused_deviations) {
      Value o(rapidjson::kObjectType);
      o.AddMember("entry", Value(u.entry), a);
      o.AddMember("about", str(u.about, a), a);
      o.AddMember("matched", u.matched, a);
      unused.PushBack(o, a);
    }
    d.AddMember("unused_deviations", unused, a);
  }
  return d;
}

std::string to_json(const Run &run) { return corpus::render_json(to_document(run)) + "\n"; }

} // namespace harness::report

#include "report/report_read.hpp"

#include <cmath>

#include "corpus/schemas.hpp"
#include "json/parse.hpp"
#include "source/read_file.hpp"

namespace harness::report {

namespace {

using rapidjson::Value;

std::string text(const Value &v, const char *key) {
  const Value *m = json::member(v, key);
  return m && m->IsString() ? std::string(m->GetString(), m->GetStringLength()) : std::string();
}

std::vector<std::string> texts(const Value &v, const char *key) {
  std::vector<std::string> out;
  if (const Value *m = json::member(v, key); m && m->IsArray())
    for (const auto &s : m->GetArray())
      out.emplace_back(s.GetString(), s.GetStringLength());
  return out;
}

uint64_t count_of(const Value &v, const char *key) {
  const Value *m = json::member(v, key);
  return m && m->IsUint64() ? m->GetUint64() : 0;
}

Outcome outcome_of(const Value &v, const char *key) {
  return outcome_named(text(v, key)).value_or(Outcome::error); // the schema allows only names
}

std::vector<Finding> findings_of(const Value &v) {
  std::vector<Finding> out;
  if (const Value *m = json::member(v, "findings"); m && m->IsArray())
    for (const auto &f : m->GetArray()) {
      Finding x;
      x.rule = text(f, "rule");
      const std::string severity = text(f, "severity");
      x.severity = severity == "warning" ? Severity::warning
                   : severity == "info"  ? Severity::info
                                         : Severity::error;
      x.offset = count_of(f, "offset");
      x.event = count_of(f, "event");
      x.message = text(f, "message");
      out.push_back(std::move(x));
    }
  return out;
}

std::shared_ptr<const rapidjson::Document> document_of(const Value &v, const char *key) {
  const Value *m = json::member(v, key);
  if (!m)
    return nullptr;
  auto d = std::make_shared<rapidjson::Document>();
  d->CopyFrom(*m, d->GetAllocator());
  return d;
}

CaseInfo case_of(const Value &c) {
  CaseInfo info;
  info.id = text(c, "id");
  info.title = text(c, "title");
  info.why = text(c, "why");
  info.dialect = text(c, "dialect");
  info.file = text(c, "file");
  info.tags = texts(c, "tags");
  if (const Value *s = json::member(c, "event_starts"))
    for (const auto &x : s->GetArray())
      info.event_starts.push_back(x.GetUint64());
  if (const Value *t = json::member(c, "timing"))
    for (const auto &x : t->GetArray())
      info.timing.emplace_back(count_of(x, "offset"),
                               std::llround(json::member(x, "ms")->GetDouble() * 1000.0));
  info.findings = findings_of(c);
  info.unloaded_bytes = count_of(c, "bytes");
  if (auto bytes = source::read_file(info.file); bytes && bytes->size() == info.unloaded_bytes)
    info.stream = std::move(*bytes);
  return info;
}

Entry entry_of(const Value &e) {
  Entry entry;
  entry.case_id = text(e, "case");
  entry.impl = text(e, "impl");
  entry.kind = text(e, "kind");
  entry.variant = text(e, "variant");
  entry.outcome = outcome_of(e, "outcome");
  for (const auto &p : json::member(e, "parts")->GetArray())
    entry.parts.push_back(Part{text(p, "name"), outcome_of(p, "outcome"), texts(p, "lines")});
  entry.reason = text(e, "reason");
  entry.notes = texts(e, "notes");
  entry.summary = text(e, "summary");
  entry.seconds = json::member(e, "seconds")->GetDouble();
  entry.replays = count_of(e, "replays");
  entry.split_points = count_of(e, "split_points");
  entry.expected = document_of(e, "expected");
  entry.actual = document_of(e, "actual");
  entry.findings = findings_of(e);
  return entry;
}

} // namespace

Result<Run> read_report(const std::string &file) {
  Result<rapidjson::Document> read = json::read_document(file);
  if (!read)
    return read.error();
  const rapidjson::Document &d = *read;
  if (auto s = corpus::validate_against(d, "report.schema.json", file); !s)
    return s.error();
  Run run;
  run.command = text(d, "command");
  run.started = text(d, "started");
  run.seconds = json::member(d, "seconds")->GetDouble();
  run.shard = text(d, "shard");
  run.invocation = text(d, "invocation");
  run.totals = text(d, "totals");
  for (const auto &o : d["fail_on"].GetArray())
    run.fail_on.insert(outcome_named(o.GetString()).value_or(Outcome::error));
  for (const auto &i : d["implementations"].GetArray()) {
    run.implementations.push_back(text(i, "name"));
    run.kinds.push_back(text(i, "kind"));
  }
  for (const auto &c : d["cases"].GetArray())
    run.cases.push_back(case_of(c));
  for (const auto &e : d["entries"].GetArray())
    run.entries.push_back(entry_of(e));
  if (const Value *unused = json::member(d, "unused_deviations")) {
    run.unused_deviations.emplace();
    for (const auto &u : unused->GetArray())
      run.unused_deviations->push_back(
          {count_of(u, "entry"), text(u, "about"), json::member(u, "matched")->GetBool()});
  }
  return run;
}

} // namespace harness::report

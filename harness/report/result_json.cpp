#include "report/result_json.hpp"

namespace harness::report {

namespace {

using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

Value str(std::string_view s, Alloc &a) { return json::string_value(s, a); }

Value opt_str(const std::optional<std::string> &s, Alloc &a) {
  return s ? str(*s, a) : Value(rapidjson::kNullType);
}

Value opt_int(const std::optional<int64_t> &v) {
  return v ? Value(static_cast<int64_t>(*v)) : Value(rapidjson::kNullType);
}

Value tool_call(const ToolCall &t, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("index", Value(static_cast<int64_t>(t.index)), a);
  v.AddMember("id", opt_str(t.id, a), a);
  v.AddMember("type", opt_str(t.type, a), a);
  v.AddMember("name", opt_str(t.name, a), a);
  v.AddMember("arguments", str(t.arguments, a), a);
  return v;
}

Value choice(const Choice &c, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("index", Value(static_cast<int64_t>(c.index)), a);
  v.AddMember("role", opt_str(c.role, a), a);
  v.AddMember("text", str(c.text, a), a);
  v.AddMember("reasoning", str(c.reasoning, a), a);
  v.AddMember("refusal", str(c.refusal, a), a);
  v.AddMember("finish_reason", opt_str(c.finish_reason, a), a);
  Value calls(rapidjson::kArrayType);
  for (const auto &t : c.tool_calls)
    calls.PushBack(tool_call(t, a), a);
  v.AddMember("tool_calls", calls, a);
  return v;
}

Value usage(const std::optional<Usage> &u, Alloc &a) {
  if (!u)
    return Value(rapidjson::kNullType);
  Value v(rapidjson::kObjectType);
  v.AddMember("prompt_tokens", opt_int(u->prompt_tokens), a);
  v.AddMember("completion_tokens", opt_int(u->completion_tokens), a);
  v.AddMember("total_tokens", opt_int(u->total_tokens), a);
  v.AddMember("reasoning_tokens", opt_int(u->reasoning_tokens), a);
  return v;
}

Value error(const StreamError &e, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("message", str(e.message, a), a);
  v.AddMember("source", str(e.source, a), a);
  v.AddMember("offset", Value(static_cast<uint64_t>(e.offset)), a);
  v.AddMember("event", Value(static_cast<uint64_t>(e.event)), a);
  return v;
}

Value finding(const Finding &f, Alloc &a) {
  Value v(rapidjson::kObjectType);
  v.AddMember("rule", str(f.rule, a), a);
  v.AddMember("severity", str(to_string(f.severity), a), a);
  v.AddMember("offset", Value(static_cast<uint64_t>(f.offset)), a);
  v.AddMember("event", Value(static_cast<uint64_t>(f.event)), a);
  v.AddMember("message", str(f.message, a), a);
  return v;
}

} // namespace

rapidjson::Document to_document(const StreamResult &r, const ResultMeta *meta) {
  rapidjson::Document d(rapidjson::kObjectType);
  auto &a = d.GetAllocator();
  d.AddMember("events", Value(static_cast<uint64_t>(r.events)), a);
  d.AddMember("done", Value(r.done), a);
  Value choices(rapidjson::kArrayType);
  for (const auto &c : r.choices)
    choices.PushBack(choice(c, a), a);
  d.AddMember("choices", choices, a);
  d.AddMember("usage", usage(r.usage, a), a);
  Value errors(rapidjson::kArrayType);
  for (const auto &e : r.errors)
    errors.PushBack(error(e, a), a);
  d.AddMember("errors", errors, a);
  Value findings(rapidjson::kArrayType);
  for (const auto &f : r.findings)
    findings.PushBack(finding(f, a), a);
  d.AddMember("findings", findings, a);
  d.AddMember("raised", opt_str(r.raised, a), a);
  if (meta) {
    Value m(rapidjson::kObjectType);
    if (!meta->case_id.empty())
      m.AddMember("case", str(meta->case_id, a), a);
    if (!meta->file.empty())
      m.AddMember("file", str(meta->file, a), a);
    m.AddMember("impl", str(meta->impl, a), a);
    m.AddMember("dialect", str(meta->dialect, a), a);
    m.AddMember("split", str(meta->split, a), a);
    d.AddMember("meta", m, a);
  }
  return d;
}

std::string to_json(const StreamResult &result, bool pretty, const ResultMeta *meta) {
  auto d = to_document(result, meta);
  rapidjson::StringBuffer buf;
  if (pretty) {
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.SetIndent(' ', 2);
    d.Accept(w);
  } else {
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    d.Accept(w);
  }
  return std::string(buf.GetString(), buf.GetSize());
}

} // namespace harness::report

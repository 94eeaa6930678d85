// What a new case's case.json says by default, read from the stream and the request that produced
// it (import.hpp "the pieces import is made of"): the model the stream names, the provider a model
// name gives away, tags, and the `request` object. `import` and `record` both write these.
#include "corpus/import.hpp"

#include "core/text.hpp"
#include "sse/parser.hpp"

namespace harness::corpus {

namespace {

using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

/// The model named by the first event that names one: `model` (chat chunks), `message.model`
/// (Anthropic message_start) or `response.model` (Responses API).
class ModelSink final : public sse::EventSink {
public:
  void on_finding(Finding) override {}
  void on_event(const sse::Event &e) override {
    if (!model.empty())
      return;
    rapidjson::Document d;
    d.Parse<json::kParseFlags>(e.data.data(), e.data.size());
    if (d.HasParseError() || !d.IsObject())
      return;
    for (const char *holder : {"", "message", "response"}) {
      const Value *object = &d;
      if (*holder) {
        auto it = d.FindMember(holder);
        if (it == d.MemberEnd() || !it->value.IsObject())
          continue;
        object = &it->value;
      }
      auto m = object->FindMember("model");
      if (m != object->MemberEnd() && m->value.IsString() && m->value.GetStringLength() > 0) {
        model.assign(m->value.GetString(), m->value.GetStringLength());
        return;
      }
    }
  }
  std::string model;
};

/// `body` as JSON when it parses, else as a string.
Value body_value(const std::string &body, Alloc &alloc) {
  rapidjson::Document parsed;
  parsed.Parse<json::kParseFlags>(body.data(), body.size());
  if (!parsed.HasParseError())
    return Value(parsed, alloc);
  return json::string_value(body, alloc);
}

} // namespace

std::string stream_model(std::string_view stream) {
  ModelSink sink;
  auto parser = sse::find_parser("tolerant")->make(sink);
  constexpr size_t kSlice = 64 * 1024;
  for (size_t at = 0; at < stream.size() && sink.model.empty(); at += kSlice)
    parser->feed(stream.substr(at, kSlice));
  if (sink.model.empty())
    parser->finish();
  return sink.model;
}

/// The API provider when a model name says it unambiguously (first-party model families only;
/// open-weight models are served by many providers).
std::string guess_provider(std::string_view model) {
  const std::string m = ascii_lower(model);
  if (m.find('/') != std::string::npos)
    return std::string(kUnknown);
  struct Family {
    std::string_view prefix, provider;
  };
  static constexpr Family kFamilies[] = {
      {"gpt-", "openai"},       {"chatgpt-", "openai"},   {"o1", "openai"},
      {"o3", "openai"},         {"o4-", "openai"},        {"claude-", "anthropic"},
      {"grok-", "xai"},         {"mistral-", "mistral"},  {"magistral-", "mistral"},
      {"codestral-", "mistral"}, {"ministral-", "mistral"}, {"pixtral-", "mistral"},
      {"devstral-", "mistral"}, {"gemini-", "google"},
  };
  for (const Family &f : kFamilies)
    if (m.starts_with(f.prefix))
      return std::string(f.provider);
  return std::string(kUnknown);
}

/// `kind:value` with value lower-cased and anything outside [a-z0-9._-] turned into '-'; nullopt
/// when nothing usable is left.
std::optional<std::string> make_tag(std::string_view kind, std::string_view value) {
  std::string v;
  for (char c : ascii_lower(value)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (ok)
      v += c;
    else if (!v.empty() && v.back() != '-')
      v += '-';
  }
  while (!v.empty() && !((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= '0' && v[0] <= '9')))
    v.erase(0, 1);
  while (!v.empty() && v.back() == '-')
    v.pop_back();
  if (v.empty() || v == std::string(kUnknown))
    return std::nullopt;
  return std::string(kind) + ":" + v;
}

rapidjson::Document request_document(const std::string &method, const std::string &url,
                                     const std::vector<std::pair<std::string, std::string>> &headers,
                                     const std::optional<std::string> &body,
                                     const std::optional<std::string> &text) {
  rapidjson::Document r(rapidjson::kObjectType);
  Alloc &a = r.GetAllocator();
  r.AddMember("method", json::string_value(method.empty() ? "GET" : method, a), a);
  r.AddMember("url", json::string_value(url, a), a);
  if (!headers.empty()) {
    Value h(rapidjson::kObjectType);
    for (const auto &[name, value] : headers) {
      auto it = h.FindMember(json::string_value(name, a));
      if (it != h.MemberEnd()) { // a repeated header: values joined as HTTP allows
        std::string joined(it->value.GetString(), it->value.GetStringLength());
        joined += ", " + value;
        it->value = json::string_value(joined, a);
      } else {
        h.AddMember(json::string_value(name, a), json::string_value(value, a), a);
      }
    }
    r.AddMember("headers", h, a);
  }
  if (body)
    r.AddMember("body", body_value(*body, a), a);
  if (text)
    r.AddMember("text", json::string_value(*text, a), a);
  return r;
}

} // namespace harness::corpus

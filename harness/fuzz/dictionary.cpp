#include "fuzz/dictionary.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <utility>

#include "core/text.hpp"
#include "fuzz/seeds_events.hpp"
#include "json/rapidjson.hpp"

namespace harness::fuzz {

namespace {

constexpr size_t kMaxEventTypes = 64;
constexpr size_t kMaxKeys = 256;
constexpr size_t kMaxValues = 256;
constexpr size_t kMaxQuotedValue = 32;

using namespace std::string_view_literals;

// clang-format off
// Framing tokens of the SSE grammar (WHATWG 9.2.6) and the end marker LLM APIs send.
constexpr std::string_view kSseTokens[] = {
    "data:"sv, "data: "sv, "event:"sv, "event: "sv, "id:"sv, "id: "sv, "retry:"sv, ":"sv,
    "\n"sv, "\r"sv, "\r\n"sv, "\n\n"sv, "\r\r"sv, "\r\n\r\n"sv, "\xef\xbb\xbf"sv,
    "[DONE]"sv, "data: [DONE]"sv, "data: [DONE]\n\n"sv, ": keep-alive\n\n"sv,
};

// JSON literals and shapes that payload decoders must survive: edges of number parsing, empty
// containers, escapes that decode to NUL or to a lone surrogate.
constexpr std::string_view kJsonTokens[] = {
    "null"sv, "true"sv, "false"sv, "0"sv, "1"sv, "-1"sv, "-0"sv, "0.5"sv, "1e400"sv, "-1e400"sv,
    "9007199254740993"sv, "{}"sv, "[]"sv, "\"\""sv, "\\u0000"sv, "\\ud800"sv, "\":"sv, "\","sv,
};
// clang-format on

/// `s` as a JSON string literal, quotes included (RapidJSON's escaping).
std::string json_quoted(std::string_view s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  writer.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return std::string(buf.GetString(), buf.GetSize());
}

/// What one case contributes; sets, so that counting them counts cases.
struct CaseWords {
  std::set<std::string> event_types, keys, values;
};

/// Object keys and short string values anywhere in `payload`, when it is JSON. Walks the document
/// with an explicit stack: nesting depth is the input's to choose.
void collect_json(std::string_view payload, CaseWords &words) {
  rapidjson::Document doc;
  doc.Parse<json::kParseFlags>(payload.data(), payload.size());
  if (doc.HasParseError())
    return;
  std::vector<const rapidjson::Value *> stack{&doc};
  while (!stack.empty()) {
    const rapidjson::Value *v = stack.back();
    stack.pop_back();
    if (v->IsObject()) {
      for (auto m = v->MemberBegin(); m != v->MemberEnd(); ++m) {
        words.keys.emplace(m->name.GetString(), m->name.GetStringLength());
        stack.push_back(&m->value);
      }
    } else if (v->IsArray()) {
      for (const auto &e : v->GetArray())
        stack.push_back(&e);
    } else if (v->IsString()) {
      std::string q = json_quoted({v->GetString(), v->GetStringLength()});
      if (q.size() <= kMaxQuotedValue)
        words.values.insert(std::move(q));
    }
  }
}

using Counts = std::map<std::string, size_t>;

/// At most `limit` of `counts`' words: the most frequent, ties by bytes; returned sorted by bytes.
std::vector<std::string> most_frequent(const Counts &counts, size_t limit) {
  std::vector<std::pair<std::string, size_t>> all(counts.begin(), counts.end());
  std::stable_sort(all.begin(), all.end(),
                   [](const auto &a, const auto &b) { return a.second > b.second; });
  if (all.size() > limit)
    all.resize(limit);
  std::vector<std::string> out;
  for (auto &w : all)
    out.push_back(std::move(w.first));
  std::sort(out.begin(), out.end());
  return out;
}

class EntryList {
public:
  /// Adds `value` to `group` unless it is empty, too long, or already listed.
  void add(std::string_view group, std::string_view value) {
    if (value.empty() || value.size() > kMaxDictValue || entries_.size() >= kMaxDictEntries)
      return;
    if (!seen_.emplace(value).second)
      return;
    const size_t n = ++per_group_[std::string(group)];
    entries_.push_back({std::string(group) + "_" + std::to_string(n), std::string(value)});
  }
  std::vector<DictEntry> take() { return std::move(entries_); }

private:
  std::vector<DictEntry> entries_;
  std::set<std::string, std::less<>> seen_;
  std::map<std::string, size_t> per_group_;
};

/// A fixed group, sorted by bytes.
void add_sorted(EntryList &list, std::string_view group, std::span<const std::string_view> fixed) {
  std::vector<std::string_view> values(fixed.begin(), fixed.end());
  std::sort(values.begin(), values.end());
  for (const auto v : values)
    list.add(group, v);
}

} // namespace

std::vector<DictEntry> dictionary_entries(const std::vector<corpus::Case> &cases) {
  Counts event_types, keys, values;
  for (const auto &c : cases) {
    CaseWords words;
    const StreamEvents events = parse_events(c.capture.stream());
    for (size_t i = 0; i < events.types.size(); ++i) {
      words.event_types.insert(events.types[i]);
      collect_json(events.data[i], words);
    }
    for (const auto &w : words.event_types)
      ++event_types[w];
    for (const auto &w : words.keys)
      ++keys[w];
    for (const auto &w : words.values)
      ++values[w];
  }
  // Keys too long for the quoted-with-colon form are left out before choosing, not after.
  std::erase_if(keys,
                [](const auto &k) { return json_quoted(k.first).size() + 1 > kMaxDictValue; });
  std::erase_if(event_types, [](const auto &t) { return t.first.size() > kMaxDictValue; });

  EntryList list;
  add_sorted(list, "sse", kSseTokens);
  add_sorted(list, "json", kJsonTokens);
  for (const auto &t : most_frequent(event_types, kMaxEventTypes))
    list.add("event", t);
  for (const auto &k : most_frequent(keys, kMaxKeys)) {
    const std::string q = json_quoted(k);
    list.add("key", q);
    list.add("key", q + ":");
  }
  for (const auto &v : most_frequent(values, kMaxValues))
    list.add("value", v);
  return list.take();
}

std::string dict_escape(std::string_view bytes) {
  return escape(bytes, {.breaks = Escaping::Breaks::hex});
}

std::string render_dictionary(const std::vector<DictEntry> &entries, std::string_view header) {
  std::string out;
  while (!header.empty()) {
    const size_t nl = header.find('\n');
    const std::string_view line = header.substr(0, nl);
    out += line.empty() ? "#\n" : "# " + std::string(line) + "\n";
    header = nl == std::string_view::npos ? std::string_view{} : header.substr(nl + 1);
  }
  for (const auto &e : entries)
    out += e.name + "=\"" + dict_escape(e.value) + "\"\n";
  return out;
}

} // namespace harness::fuzz

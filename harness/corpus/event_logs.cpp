#include "corpus/event_logs.hpp"

#include <algorithm>

#include "json/rapidjson.hpp"
#include "source/read_file.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "events";
constexpr std::string_view kSuffix = ".jsonl";

/// The implementation a file name is the event log of: "" for events.jsonl, IMPL for
/// events.IMPL.jsonl; nullopt for any other name.
std::optional<std::string> impl_of(std::string_view name) {
  if (!name.starts_with(kPrefix) || !name.ends_with(kSuffix))
    return std::nullopt;
  std::string_view middle = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (middle.empty())
    return std::string();
  if (middle.size() < 2 || middle[0] != '.')
    return std::nullopt;
  return std::string(middle.substr(1));
}

Result<ExpectedEvent> parse_entry(std::string_view line, uint64_t at, const std::string &file) {
  ExpectedEvent e;
  e.line_offset = at;
  auto bad = [&](const std::string &why) { return Error{file, at, why}; };
  if (line.empty())
    return bad("empty line: every line of an event log is one event");
  rapidjson::Document doc;
  doc.Parse<json::kParseFlags>(line.data(), line.size());
  if (doc.HasParseError())
    return Error{file, at + doc.GetErrorOffset(),
                 std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError())};
  if (!doc.IsObject())
    return bad("an event must be a JSON object");
  for (const auto &m : doc.GetObject()) {
    const std::string key(m.name.GetString(), m.name.GetStringLength());
    const rapidjson::Value &v = m.value;
    auto text = [&]() { return std::string(v.GetString(), v.GetStringLength()); };
    if (key == "index" || key == "offset") {
      if (!v.IsUint64())
        return bad("\"" + key + "\" must be an integer >= 0");
      (key == "index" ? e.index : e.offset) = v.GetUint64();
    } else if (key == "type" || key == "data" || key == "id") {
      if (!v.IsString())
        return bad("\"" + key + "\" must be a string");
      (key == "type" ? e.type : key == "data" ? e.data : e.id) = text();
    } else if (key == "retry") {
      if (v.IsUint64())
        e.retry = std::to_string(v.GetUint64());
      else if (v.IsInt64())
        e.retry = std::to_string(v.GetInt64());
      else
        return bad("\"retry\" must be an integer");
    } else {
      return bad("unknown key \"" + key + "\" (known: index, offset, type, data, id, retry)");
    }
  }
  return e;
}

} // namespace

std::string event_log_file(std::string_view impl) {
  return impl.empty() ? std::string(kPrefix) + std::string(kSuffix)
                      : std::string(kPrefix) + "." + std::string(impl) + std::string(kSuffix);
}

Result<std::vector<ExpectedEvent>> parse_event_log(std::string_view text,
                                                   const std::string &file) {
  std::vector<ExpectedEvent> out;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos)
      end = text.size();
    Result<ExpectedEvent> e = parse_entry(text.substr(at, end - at), at, file);
    if (!e)
      return e.error();
    out.push_back(std::move(e.value()));
    at = end + 1;
  }
  return out;
}

Result<std::vector<ExpectedLog>> load_event_logs(const fs::path &dir) {
  std::vector<ExpectedLog> logs;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    auto impl = impl_of(name);
    if (!impl || !it->is_regular_file(ec))
      continue;
    const std::string file = (dir / name).string();
    Result<std::string> text = source::read_file(file);
    if (!text)
      return text.error();
    auto events = parse_event_log(*text, file);
    if (!events)
      return events.error();
    logs.push_back(ExpectedLog{name, std::move(*impl), std::move(events.value())});
  }
  if (ec)
    return Error{dir.string(), std::nullopt, "cannot list the case folder: " + ec.message()};
  std::sort(logs.begin(), logs.end(), [](const ExpectedLog &a, const ExpectedLog &b) {
    return a.impl.empty() != b.impl.empty() ? a.impl.empty() : a.file < b.file;
  });
  return logs;
}

const ExpectedLog *event_log_for(const std::vector<ExpectedLog> &logs, std::string_view impl,
                                 std::string_view shares) {
  const ExpectedLog *shared = nullptr, *all = nullptr;
  for (const auto &log : logs) {
    if (log.impl == impl)
      return &log;
    if (!shares.empty() && log.impl == shares)
      shared = &log;
    if (log.impl.empty())
      all = &log;
  }
  return shared ? shared : all;
}

} // namespace harness::corpus

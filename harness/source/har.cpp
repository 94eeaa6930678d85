#include "source/har.hpp"

#include <cstdint>

#include "json/parse.hpp"

namespace harness::source {

namespace {

using rapidjson::Value;

const Value *member(const Value &object, const char *key) {
  if (!object.IsObject())
    return nullptr;
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string string_at(const Value &object, const char *key) {
  const Value *v = member(object, key);
  return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

const Value *entries_of(const Value &doc) {
  const Value *log = member(doc, "log");
  const Value *entries = log ? member(*log, "entries") : nullptr;
  return entries && entries->IsArray() ? entries : nullptr;
}

std::string mime_of(const Value &entry) {
  const Value *response = member(entry, "response");
  const Value *content = response ? member(*response, "content") : nullptr;
  return content ? string_at(*content, "mimeType") : std::string();
}

std::string describe(const Value &entry, size_t index) {
  const Value *request = member(entry, "request");
  std::string out = std::to_string(index) + ": ";
  out += request ? string_at(*request, "method") + " " + string_at(*request, "url") : "?";
  return out;
}

int value_of(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

} // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  uint32_t bits = 0;
  int held = 0;
  size_t padding = 0, symbols = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
      continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int v = value_of(c);
    if (v < 0 || padding > 0)
      return std::nullopt; // not an alphabet character, or data after padding
    ++symbols;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    held += 6;
    if (held >= 8) {
      held -= 8;
      out.push_back(static_cast<char>((bits >> held) & 0xFF));
    }
  }
  // A last group of one symbol carries no whole byte; padding completes groups of four.
  if (symbols % 4 == 1 || padding > 2 || (padding && (symbols + padding) % 4 != 0))
    return std::nullopt;
  return out;
}

bool is_event_stream_type(std::string_view mime_type) {
  constexpr std::string_view kType = "text/event-stream";
  if (mime_type.size() < kType.size())
    return false;
  for (size_t i = 0; i < kType.size(); ++i) {
    char c = mime_type[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    if (c != kType[i])
      return false;
  }
  return true;
}

bool looks_like_har(std::string_view bytes) {
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || bytes[first] != '{')
    return false;
  rapidjson::Document doc;
  doc.Parse<json::kParseFlags>(bytes.data(), bytes.size());
  return !doc.HasParseError() && entries_of(doc) != nullptr;
}

Result<HarEntry> read_har(std::string_view bytes, const std::string &file,
                          std::optional<size_t> choose) {
  rapidjson::Document doc;
  if (Status parsed = json::parse(doc, bytes, file); !parsed)
    return parsed.error();
  const Value *entries = entries_of(doc);
  if (!entries)
    return Error{file, std::nullopt, "not a HAR file: no log.entries array"};

  size_t index = 0;
  if (choose) {
    if (*choose >= entries->Size())
      return Error{file, std::nullopt,
                   "--entry " + std::to_string(*choose) + " is out of range (the file has " +
                       std::to_string(entries->Size()) + " entries, numbered from 0)"};
    index = *choose;
  } else {
    std::vector<size_t> streams;
    for (rapidjson::SizeType i = 0; i < entries->Size(); ++i)
      if (is_event_stream_type(mime_of((*entries)[i])))
        streams.push_back(i);
    if (streams.empty())
      return Error{file, std::nullopt,
                   "no entry has a text/event-stream response (" +
                       std::to_string(entries->Size()) + " entries)"};
    if (streams.size() > 1) {
      std::string list;
      for (size_t i : streams)
        list += (list.empty() ? "" : "; ") +
                describe((*entries)[static_cast<rapidjson::SizeType>(i)], i);
      return Error{file, std::nullopt,
                   std::to_string(streams.size()) +
                       " entries have a text/event-stream response; choose one with --entry N: " +
                       list};
    }
    index = streams.front();
  }

  const Value &entry = (*entries)[static_cast<rapidjson::SizeType>(index)];
  const std::string where = "entry " + std::to_string(index);
  HarEntry out;
  out.index = index;
  out.started = string_at(entry, "startedDateTime");
  if (const Value *request = member(entry, "request")) {
    out.method = string_at(*request, "method");
    out.url = string_at(*request, "url");
    if (const Value *headers = member(*request, "headers"); headers && headers->IsArray())
      for (const Value &h : headers->GetArray()) {
        std::string name = string_at(h, "name");
        if (name.empty() || name.front() == ':')
          continue;
        out.headers.emplace_back(std::move(name), string_at(h, "value"));
      }
    if (const Value *post = member(*request, "postData"))
      if (const Value *text = member(*post, "text"); text && text->IsString())
        out.body = std::string(text->GetString(), text->GetStringLength());
  }
  const Value *response = member(entry, "response");
  if (response)
    if (const Value *status = member(*response, "status"); status && status->IsInt())
      out.status = status->GetInt();
  out.mime_type = mime_of(entry);
  const Value *content = response ? member(*response, "content") : nullptr;
  const Value *text = content ? member(*content, "text") : nullptr;
  if (!text || !text->IsString())
    return Error{file, std::nullopt,
                 where + " (" + describe(entry, index) +
                     "): the response body was not saved (no response.content.text)"};
  std::string_view body(text->GetString(), text->GetStringLength());
  if (string_at(*content, "encoding") == "base64") {
    auto decoded = decode_base64(body);
    if (!decoded)
      return Error{file, std::nullopt, where + ": response.content.text is not valid base64"};
    out.stream = std::move(*decoded);
  } else {
    out.stream = std::string(body);
  }
  return out;
}

} // namespace harness::source

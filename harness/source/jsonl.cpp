#include "source/jsonl.hpp"

#include <optional>
#include <utility>

#include "core/text.hpp"
#include "json/rapidjson.hpp"

namespace harness::source {

namespace {

/// Calls `each(line, offset, number)` for every line (LF-terminated or the unterminated tail) until
/// it returns false.
template <class F> void for_each_line(std::string_view bytes, F each) {
  size_t at = 0;
  size_t number = 1;
  while (at < bytes.size()) {
    const size_t lf = bytes.find('\n', at);
    const size_t end = lf == std::string_view::npos ? bytes.size() : lf;
    if (!each(bytes.substr(at, end - at), at, number))
      return;
    at = end + 1;
    ++number;
  }
}

/// Empty when `line` is a JSON object; else why not, with the offset inside the line.
std::optional<std::pair<size_t, std::string>> object_problem(std::string_view line) {
  rapidjson::Document doc;
  doc.Parse<json::kParseFlags>(line.data(), line.size());
  if (doc.HasParseError())
    return std::pair{doc.GetErrorOffset(),
                     std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError())};
  if (!doc.IsObject())
    return std::pair{line.find_first_not_of(" \t\r"), std::string("not a JSON object")};
  return std::nullopt;
}

} // namespace

bool looks_like_jsonl(std::string_view bytes) {
  bool any = false, all = true;
  for_each_line(bytes, [&](std::string_view line, size_t, size_t) {
    if (is_blank_line(line))
      return true;
    // Cheap test first: an object line starts with '{' after blanks.
    const size_t first = line.find_first_not_of(" \t\r");
    if (line[first] != '{' || object_problem(line)) {
      all = false;
      return false;
    }
    any = true;
    return true;
  });
  return any && all;
}

Result<std::string> jsonl_to_sse(std::string_view bytes, const std::string &file) {
  std::string out;
  std::optional<Error> error;
  for_each_line(bytes, [&](std::string_view line, size_t offset, size_t number) {
    if (is_blank_line(line))
      return true;
    if (auto problem = object_problem(line)) {
      error = Error{file, offset + problem->first,
                    "line " + std::to_string(number) + ": " + problem->second};
      return false;
    }
    out += "data: ";
    out += line;
    out += "\n\n";
    return true;
  });
  if (error)
    return *error;
  if (out.empty())
    return Error{file, std::nullopt, "empty stream: no JSON line to turn into an event"};
  return out;
}

} // namespace harness::source

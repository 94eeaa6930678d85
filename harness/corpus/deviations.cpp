#include "corpus/deviations.hpp"

#include <algorithm>
#include <system_error>

#include "json/parse.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

std::string text_of(const rapidjson::Value &v) { return {v.GetString(), v.GetStringLength()}; }

/// Reads the optional string `key` of `entry` into `out`; an error names the JSON pointer.
Status optional_string(const rapidjson::Value &entry, const char *key, const std::string &at,
                       const std::string &file, std::optional<std::string> &out) {
  auto it = entry.FindMember(key);
  if (it == entry.MemberEnd())
    return ok_status();
  if (!it->value.IsString())
    return Error{file, std::nullopt, "at " + at + "/" + key + ": must be a string"};
  out = text_of(it->value);
  return ok_status();
}

} // namespace

bool glob_match(std::string_view glob, std::string_view text) {
  // Iterative wildcard matching with one backtrack point: linear in practice, no recursion.
  size_t g = 0, t = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = t;
    } else if (g < glob.size() && glob[g] == text[t]) {
      ++g;
      ++t;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*')
    ++g;
  return g == glob.size();
}

bool matches(const Deviation &dev, std::string_view case_id, std::string_view impl) {
  return dev.impl == impl && glob_match(dev.case_glob, case_id);
}

std::string_view difference_path(std::string_view line) {
  const size_t colon = line.find(": ");
  return colon == std::string_view::npos ? line : line.substr(0, colon);
}

bool covers(const std::vector<std::string> &fields, std::string_view path) {
  return fields.empty() || std::any_of(fields.begin(), fields.end(), [&](const std::string &f) {
           return glob_match(f, path);
         });
}

Result<std::vector<Deviation>> load_deviations(const fs::path &path) {
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() == fs::file_type::not_found)
    return std::vector<Deviation>{};
  const std::string file = path.string();
  Result<rapidjson::Document> read = json::read_document(file);
  if (!read)
    return read.error();
  const rapidjson::Document &doc = *read;
  if (!doc.IsObject())
    return Error{file, std::nullopt, "a deviations file is a JSON object"};
  auto format = doc.FindMember("deviations_format");
  if (format == doc.MemberEnd() || !format->value.IsInt() || format->value.GetInt() != 1)
    return Error{file, std::nullopt, "\"deviations_format\" must be 1"};
  auto list = doc.FindMember("deviations");
  if (list == doc.MemberEnd() || !list->value.IsArray())
    return Error{file, std::nullopt, "\"deviations\" must be an array"};

  std::vector<Deviation> out;
  rapidjson::SizeType i = 0;
  for (const rapidjson::Value &entry : list->value.GetArray()) {
    const std::string at = "/deviations/" + std::to_string(i++);
    if (!entry.IsObject())
      return Error{file, std::nullopt, "at " + at + ": must be an object"};
    Deviation dev;
    std::optional<std::string> impl, glob, reason, link;
    for (auto [key, slot] : {std::pair{"impl", &impl}, std::pair{"case", &glob},
                             std::pair{"reason", &reason}, std::pair{"link", &link},
                             std::pair{"variant", &dev.variant}})
      if (Status s = optional_string(entry, key, at, file, *slot); !s)
        return s.error();
    if (!impl || impl->empty())
      return Error{file, std::nullopt, "at " + at + ": \"impl\" (a non-empty string) is required"};
    if (!glob || glob->empty())
      return Error{file, std::nullopt, "at " + at + ": \"case\" (a non-empty string) is required"};
    dev.impl = std::move(*impl);
    dev.case_glob = std::move(*glob);
    dev.reason = reason.value_or("");
    dev.link = link.value_or("");

    auto expect = std::make_shared<rapidjson::Document>();
    expect->SetObject();
    auto e = entry.FindMember("expect");
    if (e != entry.MemberEnd()) {
      if (!e->value.IsObject())
        return Error{file, std::nullopt, "at " + at + "/expect: must be an object"};
      expect->CopyFrom(e->value, expect->GetAllocator());
    }
    dev.expect = std::move(expect);

    auto fields = entry.FindMember("fields");
    if (fields != entry.MemberEnd()) {
      if (!fields->value.IsArray() || fields->value.Empty())
        return Error{file, std::nullopt, "at " + at + "/fields: must be a non-empty array"};
      for (const rapidjson::Value &f : fields->value.GetArray()) {
        if (!f.IsString() || f.GetStringLength() == 0)
          return Error{file, std::nullopt, "at " + at + "/fields: every entry is a non-empty string"};
        dev.fields.push_back(text_of(f));
      }
    }
    out.push_back(std::move(dev));
  }
  return out;
}

} // namespace harness::corpus

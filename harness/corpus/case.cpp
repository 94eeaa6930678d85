#include "corpus/case.hpp"

#include <string_view>
#include <utility>

#include "corpus/expectation.hpp"
#include "corpus/schemas.hpp"
#include "source/read_file.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

std::string string_at(const rapidjson::Value &object, const char *key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString())
    return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool is_plain_file_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

} // namespace

Result<Case> load_case(const fs::path &dir, std::string id) {
  const std::string case_file = (dir / kCaseFile).string();
  Result<std::string> text = source::read_file(case_file);
  if (!text)
    return text.error();

  auto doc = std::make_shared<rapidjson::Document>();
  doc->Parse<json::kParseFlags>(text->data(), text->size());
  if (doc->HasParseError())
    return Error{case_file, doc->GetErrorOffset(),
                 std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc->GetParseError())};
  if (Status valid = validate_against(*doc, kCaseSchema, case_file); !valid)
    return valid.error();
  if (Status keys = check_finding_counts((*doc)["expect"], case_file); !keys)
    return keys.error();

  // The schema guarantees the shape read below.
  const rapidjson::Value &stream = (*doc)["stream"];
  const std::string stream_name = string_at(stream, "file");
  if (!is_plain_file_name(stream_name))
    return Error{case_file, std::nullopt,
                 "stream.file \"" + stream_name +
                     "\" must be a plain file name inside the case folder (no '/', no '..')"};
  std::optional<source::Format> format = source::parse_format(string_at(stream, "capture"));

  Case c;
  c.id = std::move(id);
  c.dir = dir;
  c.title = string_at(*doc, "title");
  c.why = string_at(*doc, "why");
  c.dialect = string_at(*doc, "dialect");
  for (const rapidjson::Value &tag : (*doc)["tags"].GetArray())
    c.tags.emplace_back(tag.GetString(), tag.GetStringLength());

  const rapidjson::Value &prov = (*doc)["provenance"];
  c.provenance.source = string_at(prov, "source");
  c.provenance.provider = string_at(prov, "provider");
  c.provenance.model = string_at(prov, "model");
  c.provenance.via = string_at(prov, "via");
  c.provenance.licence = string_at(prov, "licence");
  c.provenance.notes = string_at(prov, "notes");
  c.provenance.reconstructed = prov["reconstructed"].GetBool();

  Result<source::Capture> capture = source::load_capture((dir / stream_name).string(), format);
  if (!capture)
    return capture.error();
  c.capture = std::move(capture.value());
  c.document = std::move(doc);
  return c;
}

} // namespace harness::corpus

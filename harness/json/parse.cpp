#include "json/parse.hpp"

#include <utility>

#include "source/read_file.hpp"

namespace harness::json {

Status parse(rapidjson::Document &doc, std::string_view bytes, const std::string &file) {
  doc.Parse<kParseFlags>(bytes.data(), bytes.size());
  if (doc.HasParseError())
    return Error{file, doc.GetErrorOffset(),
                 std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError())};
  return ok_status();
}

Result<rapidjson::Document> read_document(const std::string &file) {
  Result<std::string> text = source::read_file(file);
  if (!text)
    return text.error();
  rapidjson::Document doc;
  if (Status parsed = parse(doc, *text, file); !parsed)
    return parsed.error();
  return doc;
}

} // namespace harness::json

#include "corpus/schemas.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include "core/data_dir.hpp"
#include "source/read_file.hpp"

#ifndef SSEH_DEFAULT_SCHEMAS_DIR
#define SSEH_DEFAULT_SCHEMAS_DIR "schemas"
#endif

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

/// A schema file, parsed and compiled. The source document outlives the compiled form built from
/// it.
struct CompiledSchema {
  rapidjson::Document source;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
};

struct Registry {
  std::mutex mutex;
  fs::path dir; ///< set_schemas_dir(); empty = not set
  std::map<std::string, std::shared_ptr<const CompiledSchema>> cache;
};

Registry &registry() {
  static Registry r;
  return r;
}

fs::path default_dir() {
  return data_dir("schemas", "SSE_HARNESS_SCHEMAS", SSEH_DEFAULT_SCHEMAS_DIR);
}

Result<std::shared_ptr<const CompiledSchema>> compile(const std::string &path) {
  Result<std::string> text = source::read_file(path);
  if (!text)
    return text.error();
  auto compiled = std::make_shared<CompiledSchema>();
  compiled->source.Parse<json::kParseFlags>(text->data(), text->size());
  if (compiled->source.HasParseError())
    return Error{path, compiled->source.GetErrorOffset(),
                 std::string("invalid JSON in schema: ") +
                     rapidjson::GetParseError_En(compiled->source.GetParseError())};
  if (!compiled->source.IsObject())
    return Error{path, std::nullopt, "a schema must be a JSON object"};
  compiled->schema = std::make_unique<rapidjson::SchemaDocument>(compiled->source);
  return std::shared_ptr<const CompiledSchema>(std::move(compiled));
}

Result<std::shared_ptr<const CompiledSchema>> lookup(const std::string &schema_file) {
  fs::path path(schema_file);
  if (path.is_relative())
    path = schemas_dir() / path;
  std::string key = path.lexically_normal().string();

  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.cache.find(key);
  if (it != r.cache.end())
    return it->second;
  Result<std::shared_ptr<const CompiledSchema>> compiled = compile(key);
  if (compiled)
    r.cache.emplace(key, compiled.value());
  return compiled;
}

std::string pointer_text(const rapidjson::Pointer &pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  return buffer.GetString();
}

/// For "required": the keys the schema requires that the object lacks, as `"a", "b"`.
std::string missing_keys(const rapidjson::Value &schema_root, const rapidjson::Pointer &schema_at,
                         const rapidjson::Value &doc, const rapidjson::Pointer &doc_at) {
  const rapidjson::Value *schema = schema_at.Get(schema_root);
  const rapidjson::Value *object = doc_at.Get(doc);
  if (!schema || !schema->IsObject() || !object || !object->IsObject())
    return {};
  auto required = schema->FindMember("required");
  if (required == schema->MemberEnd() || !required->value.IsArray())
    return {};
  std::string out;
  for (const rapidjson::Value &key : required->value.GetArray()) {
    if (!key.IsString() || object->HasMember(key))
      continue;
    out += out.empty() ? "\"" : ", \"";
    out += std::string(key.GetString(), key.GetStringLength()) + "\"";
  }
  return out;
}

} // namespace

fs::path schemas_dir() {
  Registry &r = registry();
  {
    std::lock_guard<std::mutex> lock(r.mutex);
    if (!r.dir.empty())
      return r.dir;
  }
  return default_dir();
}

void set_schemas_dir(const fs::path &dir) {
  Registry &r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.dir = dir;
  r.cache.clear();
}

Status validate_against(const rapidjson::Value &doc, const std::string &schema_file,
                        const std::string &doc_name) {
  Result<std::shared_ptr<const CompiledSchema>> compiled = lookup(schema_file);
  if (!compiled)
    return compiled.error();
  const CompiledSchema &schema = *compiled.value();

  rapidjson::SchemaValidator validator(*schema.schema);
  if (doc.Accept(validator))
    return ok_status();

  std::string keyword = validator.GetInvalidSchemaKeyword();
  std::string at = pointer_text(validator.GetInvalidDocumentPointer());
  std::string message = "does not match " + fs::path(schema_file).filename().string() + ": at " +
                        (at.empty() ? std::string("the document root") : at) + ", \"" + keyword +
                        "\" fails (schema #" + pointer_text(validator.GetInvalidSchemaPointer()) +
                        ")";
  if (keyword == "required") {
    std::string missing = missing_keys(schema.source, validator.GetInvalidSchemaPointer(), doc,
                                       validator.GetInvalidDocumentPointer());
    if (!missing.empty())
      message += ": missing " + missing;
  } else if (keyword == "additionalProperties") {
    message += ": unknown key";
  }
  return Error{doc_name, std::nullopt, std::move(message)};
}

} // namespace harness::corpus

#pragma once
// JSON Schema validation against the files in schemas/: draft-04, restricted to the keywords
// RapidJSON 1.1.0 really enforces (the test schema.no-unsupported-keywords keeps the files honest).
#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

/// Where schema files are looked up, in order: the folder given to set_schemas_dir(); else the
/// environment variable SSE_HARNESS_SCHEMAS when set and not empty; else the build-time default
/// SSEH_DEFAULT_SCHEMAS_DIR (a macro on the library; "schemas" relative to the cwd without it).
std::filesystem::path schemas_dir();

/// Overrides the lookup above for the rest of the process (an empty path restores it) and drops the
/// compiled schemas cached so far. Thread-safe, but meant for start-up and tests.
void set_schemas_dir(const std::filesystem::path &dir);

/// Validates `doc` against `schema_file` (a name inside schemas_dir(), or an absolute path).
/// Schemas are compiled once per path and cached for the process (thread-safe).
/// Errors: an unreadable or invalid schema file (named in Error::file); a document that does not
/// match, with Error::file = `doc_name` and a message naming the JSON pointer in the document, the
/// failing schema keyword and where in the schema it sits, e.g.
///   `does not match case.schema.json: at /stream/capture, "enum" fails (schema #/properties/...)`.
/// For "required" the message lists the missing keys.
Status validate_against(const rapidjson::Value &doc, const std::string &schema_file,
                        const std::string &doc_name);

} // namespace harness::corpus

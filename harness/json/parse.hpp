#pragma once
// Parsing a JSON document out of bytes or a file, with the error every reader of a JSON file gives:
// the file, the byte offset RapidJSON stopped at, and its reason in one line. What the document
// must hold is each caller's (a schema, or its own checks).
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "json/rapidjson.hpp"

namespace harness::json {

/// Parses `bytes` (read from `file`) into `doc` with kParseFlags. A syntax error is
/// Error{file, offset, "invalid JSON: <RapidJSON's reason>"}.
Status parse(rapidjson::Document &doc, std::string_view bytes, const std::string &file);

/// The JSON document in the file at `file`: source::read_file's errors, then parse's.
Result<rapidjson::Document> read_document(const std::string &file);

} // namespace harness::json

#pragma once
// The result document (schemas/result.schema.json): the JSON form of a StreamResult. Its keys are
// fixed: third-party clients report in this format too.
#include <optional>
#include <string>

#include "core/stream_result.hpp"
#include "json/rapidjson.hpp"

namespace harness::report {

/// Where a result came from; written as the optional top-level "meta" object.
struct ResultMeta {
  std::string case_id; ///< empty for a bare file
  std::string file;
  std::string impl;
  std::string dialect;
  std::string split;
};

/// Builds the document; `meta` adds the "meta" object.
rapidjson::Document to_document(const StreamResult &result, const ResultMeta *meta = nullptr);

/// Serialises the document; pretty = indented with two spaces, else one line.
std::string to_json(const StreamResult &result, bool pretty, const ResultMeta *meta = nullptr);

} // namespace harness::report

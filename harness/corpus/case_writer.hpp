#pragma once
// case.json as the tools write it: pretty JSON with a 2-space indent and the top-level keys in the
// order people read them (the seeds' order), so that a rewritten file differs only where its
// content did.
#include <string>

#include "json/rapidjson.hpp"

namespace harness::corpus {

/// `doc` (a case.json object) as text: keys case_format, title, why, stream, provenance, request,
/// response, dialect, tags, expect, disputed first, in that order, then any others in their own order;
/// nested objects keep their member order. Ends with a newline.
std::string render_case_json(const rapidjson::Value &doc);

/// Any JSON value, pretty (2-space indent), without a trailing newline.
std::string render_json(const rapidjson::Value &value);

} // namespace harness::corpus

#pragma once
// The report document: a Run as JSON (schemas/report.schema.json). `--report json` writes it; the
// HTML report embeds it (with the streams) and renders it in the browser.
#include <string>

#include "json/rapidjson.hpp"
#include "report/run.hpp"

namespace harness::report {

/// The document. With `streams`, each case also carries "stream_base64", its bytes (the HTML
/// report shows them; the JSON report leaves them out, the corpus has them).
rapidjson::Document to_document(const Run &run, bool streams = false);

/// The document serialised, indented with two spaces, ending in a newline.
std::string to_json(const Run &run);

} // namespace harness::report

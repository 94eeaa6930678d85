#pragma once
// `--report html=FILE`: the run as one self-contained HTML page (no network, no external assets)
// that renders in a browser: per-class counts, the case x implementation matrix with a pruned view,
// and on demand each case's stream byte by byte with event boundaries, findings at their offsets,
// expected vs actual with the first difference highlighted, and the recorded timing as a chart.
//
// The page is html/report.html; the data is the report document with the streams
// (to_document(run, true)), embedded as JSON in <script type="application/json" id="report-data">.
#include <string>

#include "report/run.hpp"

namespace harness::report {

/// The whole page. The embedded JSON cannot end its script element early: every "</" in it is
/// written "<\/" and every "<!--" "\u003c!--" (both only occur inside JSON strings, where they are
/// the same text), and bytes that are not UTF-8 inside strings (a difference line cut inside a
/// character) become U+FFFD, so the file is valid UTF-8 and the JSON parses. Streams are base64 and
/// reach the page byte-exact.
std::string to_html(const Run &run);

} // namespace harness::report

#pragma once
// The HTML report's page (harness/report/html/report.html), compiled into the binary by
// html/embed.py. It holds the marker kReportDataMarker exactly once, inside
// <script type="application/json" id="report-data">, and no URL: the build refuses it otherwise.
#include <string_view>

namespace harness::report {

/// Where to_html puts the report document.
inline constexpr std::string_view kReportDataMarker = "@REPORT_DATA@";

/// The page's bytes; static storage, valid for the life of the program.
std::string_view html_template();

} // namespace harness::report

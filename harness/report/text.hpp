#pragma once
// Readable output for people: results and single values, with invisible bytes made visible.
#include <ostream>
#include <string>
#include <string_view>

#include "core/stream_result.hpp"

namespace harness::report {

/// `s` on one line: CR, LF, TAB, NUL, other control bytes and a BOM shown as escapes (\r \n \t \0
/// \xNN \uFEFF), a backslash doubled; valid UTF-8 text otherwise kept as is.
std::string visible(std::string_view s);

/// The whole result, one fact per line, for `replay` without --json.
void write_text(std::ostream &out, const StreamResult &result);

/// Its last part: "findings  N" and one line per finding (what `replay --events` prints after the
/// event log).
void write_findings(std::ostream &out, const StreamResult &result);

} // namespace harness::report

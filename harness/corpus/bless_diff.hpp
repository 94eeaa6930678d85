#pragma once
// The line diff `bless` shows for what it changes in a case.json.
#include <string>
#include <string_view>

namespace harness::corpus {

/// A unified-style diff of two texts by lines: "--- old_label", "+++ new_label", then hunks
/// "@@ -a,b +c,d @@" with `context` unchanged lines around each change, lines prefixed ' ', '-' or
/// '+'. Empty when the texts are equal. Every line of the result ends with '\n'. A very large
/// change (over ~16M line pairs after trimming the common head and tail) is shown as the old lines
/// removed and the new ones added, without looking for common lines.
std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string &old_label, const std::string &new_label,
                         size_t context = 3);

} // namespace harness::corpus

#pragma once
// Known deviations: implementations that are known to reassemble some cases differently from
// expect.default, each listed once with a reason and a link (corpus/deviations.json):
//
//   {"deviations_format": 1,
//    "deviations": [{"impl": "openai-node", "case": "seeds/*", "reason": "...",
//                    "link": "https://...", "fields": ["choices[*].reasoning"],
//                    "expect": {partial result}}]}
//
// Contract (what `check` and `bless` both apply):
//   - every entry naming (case, impl[, variant]) applies at once; together they acknowledge the
//     differences at the result paths their `fields` name (globs over the paths `check::compare`
//     prints, e.g. "choices[*].role", "usage.*"); an entry without `fields` acknowledges all;
//   - a difference no entry acknowledges is a failure (or, at bless time, a dispute);
//   - `expect`, when given, pins the deviating result (a partial result that must match);
//   - an entry naming one case (no '*') must deviate on it, so a fix is noticed at once; an entry
//     with a pattern must deviate on at least one case of a whole-corpus run.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

/// The file's name inside a corpus root.
inline constexpr const char *kDeviationsFile = "deviations.json";
/// The name of a corpus root folder (case ids are paths below it).
inline constexpr const char *kCorpusFolderName = "corpus";

struct Deviation {
  std::string impl;      ///< implementation name, as in pipeline::implementations()
  std::string case_glob; ///< a case id, or a pattern where '*' stands for any run of characters
  std::optional<std::string> variant; ///< optional qualifier, kept as written
  std::string reason;    ///< why the implementation deviates; empty when not given
  std::string link;      ///< where it is documented; empty when not given
  /// The partial result the implementation gives instead (the file's `expect`); an empty object
  /// when not given. Never null; shared so that a Deviation stays cheap to copy.
  std::shared_ptr<const rapidjson::Document> expect;
  /// Result paths (globs) this entry acknowledges differences at; empty = every path.
  std::vector<std::string> fields;

  /// Whether the entry names a single case, which must then deviate (see the contract above).
  bool names_one_case() const { return case_glob.find('*') == std::string::npos; }
};

/// Reads a deviations file. A missing file is not an error: no deviations. Errors name `path`:
/// unreadable, invalid JSON (with the byte offset), `deviations_format` other than 1, and any entry
/// without a string `impl` and `case` or with a key of the wrong type (named by JSON pointer,
/// e.g. "/deviations/2/reason"). Unknown keys are allowed, for later versions to add.
Result<std::vector<Deviation>> load_deviations(const std::filesystem::path &path);

/// Whether `glob` matches the whole of `text`; '*' matches any run of characters, '/' included
/// (like fnmatch without FNM_PATHNAME); every other character matches itself.
bool glob_match(std::string_view glob, std::string_view text);

/// Whether `dev` is about implementation `impl` on the case `case_id`.
bool matches(const Deviation &dev, std::string_view case_id, std::string_view impl);

/// The result path a difference line of `check::compare` is about: the text before its first
/// ": " ("choices[0].role: first difference at byte 9" -> "choices[0].role").
std::string_view difference_path(std::string_view line);

/// Whether an entry with these `fields` acknowledges a difference at `path`.
bool covers(const std::vector<std::string> &fields, std::string_view path);

} // namespace harness::corpus

#pragma once
// Blessing a case: writing its `expect` from what the implementations give now.
//
// expect.default is the `tolerant` parser's whole-stream result (the reference). Every other
// implementation that handles the case's dialect is compared with it (check::compare):
//   - no difference: it needs no entry (an existing one is dropped);
//   - a difference someone acknowledged: the case already has an expect.<impl> entry, which is
//     refreshed with the implementation's full result; or entries of the known-deviations file
//     about (case, impl) acknowledge every differing path (their `fields`), and nothing is
//     written for it (check applies the deviation);
//   - a difference nobody acknowledged: no entry is written; the case is marked
//     "disputed": [{"impl", "differences"}] until someone adds an entry or a deviation and blesses
//     again. A case without disputes has no "disputed" key.
// An SSE-level case ("dialect": "sse") keeps its `expect` as it is: it is judged on its event
// logs, which bless_events.hpp blesses. An expect.tolerant entry is dropped (expect.default is its result). Entries for implementations
// this build does not know, or that do not handle the dialect, are kept as they are.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/stream_result.hpp"
#include "corpus/case.hpp"
#include "corpus/deviations.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

/// The implementation whose result becomes expect.default.
inline constexpr const char *kReferenceImpl = "tolerant";

struct Dispute {
  std::string impl;
  std::vector<std::string> differences; ///< check::compare lines, expect.default vs its result
};

struct Blessing {
  std::string case_id;
  StreamResult reference;             ///< the reference implementation's whole-stream result
  rapidjson::Document document;       ///< the case.json to write: the old one with new expect
  std::vector<Dispute> disputes;      ///< in implementation order
  std::vector<std::string> refreshed; ///< implementations with an expect entry, written anew
  std::vector<std::string> deviating; ///< differences acknowledged by the deviations file
  std::vector<std::string> kept;      ///< entries left as they were, with the reason
  bool changed = false;               ///< expect or disputed differ (by value) from the case's
  std::string old_text;               ///< the case's case.json as render_case_json gives it
  std::string new_text;               ///< `document` as render_case_json gives it
};

/// The expectation entry for a result: events, done, choices, usage, errors and raised as the
/// result document has them (report::to_document), findings as rule id -> count (sorted by rule).
rapidjson::Value expectation_entry(const StreamResult &result,
                                   rapidjson::Document::AllocatorType &alloc);

/// Computes the blessing of `c` (see the top of this file). Replays the whole stream once per
/// implementation that handles the case's dialect. Error when the reference implementation does
/// not exist or does not handle the dialect.
Result<Blessing> bless_case(const Case &c, std::span<const Deviation> deviations);

/// Where a case's known deviations are: deviations.json in the nearest ancestor folder named
/// `corpus`; empty when the case is in no such folder.
std::filesystem::path deviations_path_for(const std::filesystem::path &case_dir);

/// Writes blessing.new_text to the case's case.json atomically (the stream file is not touched).
Status write_blessing(const Case &c, const Blessing &blessing);

} // namespace harness::corpus

#pragma once
// A case: a folder holding case.json (what the capture is, where it came from, what to expect) and
// the stream file it names. The format of case.json is schemas/case.schema.json.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/event_logs.hpp"
#include "source/capture.hpp"
#include "split/split.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

/// Where a capture came from; mirrors case.json `provenance`. Optional strings are empty when
/// absent.
struct Provenance {
  std::string source;         ///< where the bytes were obtained
  std::string provider;       ///< e.g. "xai"
  std::string model;          ///< as the stream names it
  std::string via;            ///< gateway or proxy between client and provider; empty when direct
  std::string licence;        ///< terms of redistribution; "unknown" when not recorded
  bool reconstructed = false; ///< true when the bytes were rebuilt rather than copied
  std::string notes;
};

/// One read of a recorded response: the stream's bytes from `offset` on (up to the next arrival's
/// offset) arrived `microseconds` after the request was sent. Written by `record` to the file
/// case.json's stream.timing names, as [{"offset": N, "ms": 12.345}, ...] (ms with microsecond
/// precision); replaying with it reproduces the upstream's pacing.
struct Arrival {
  uint64_t offset = 0;
  int64_t microseconds = 0;
};

/// The name of the timing file `record` writes.
inline constexpr const char *kTimingFile = "timing.json";

struct Case {
  std::string id;            ///< stable name, e.g. "seeds/000_c359a6ca5f32f75d" (see discover.hpp)
  std::filesystem::path dir; ///< the case folder
  std::string title;
  std::string why;     ///< one sentence: why the case exists
  std::string dialect; ///< e.g. "openai-chat"
  std::vector<std::string> tags;
  Provenance provenance;
  source::Capture capture; ///< the stream file, loaded with the format case.json declares
  /// From stream.timing when the case has one (recorded cases), else empty. Offsets are into
  /// capture.stream(), non-decreasing and inside it; times are non-decreasing and >= 0.
  std::vector<Arrival> timing;
  /// From stream.splits: split specs `check` replays this case under besides the ones it was asked
  /// for (e.g. the `feeds:` a fuzz crash needs to happen; see import-crash). Empty when none.
  std::vector<split::Spec> splits;
  /// The expected event logs beside the stream (events.jsonl, events.IMPL.jsonl; see
  /// corpus/event_logs.hpp), events.jsonl first; empty when the case has none.
  std::vector<ExpectedLog> event_logs;
  /// case.json as parsed (request, expect, ...). Never null in a Case returned by load_case; shared
  /// so that a Case stays cheap to copy.
  std::shared_ptr<const rapidjson::Document> document;
};

/// The file every case folder holds.
inline constexpr const char *kCaseFile = "case.json";
/// The schema case.json must match, inside schemas_dir().
inline constexpr const char *kCaseSchema = "case.schema.json";

/// Loads the case in folder `dir` under the name `id`. Errors name the file concerned:
/// case.json unreadable; invalid JSON (with the byte offset); not matching case.schema.json (with
/// the JSON pointer and keyword, see validate_against); an expectation whose `findings` has a key
/// that is not a rule id (see check_finding_counts); a stream file name that is not a plain
/// file name inside the folder (empty, ".", "..", or holding '/' or '\'); and every load_capture
/// error for the stream file. With stream.timing: the same file name rule, the file unreadable,
/// invalid JSON, not an array of {"offset": integer >= 0, "ms": number >= 0}, or an entry whose
/// offset or time is below the previous entry's or whose offset is not inside the stream (errors
/// name the timing file and the entry's index). A stream.splits entry that is not a split spec
/// (split::parse_spec) names case.json and the entry's index. Every load_event_logs error for the
/// case's event logs.
Result<Case> load_case(const std::filesystem::path &dir, std::string id);

} // namespace harness::corpus

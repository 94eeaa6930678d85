#pragma once
// A recorded exchange as a new corpus case, written the way `import` writes one
// (corpus::write_new_case: staged, validated, blessed, renamed into place):
//   <leaf>.sse    the response body exactly as received (de-chunked)
//   timing.json   [{"offset": N, "ms": 12.345}, ...]: one entry per read (corpus::Arrival)
//   case.json     provenance ("recorded from <URL>", via "sse-harness record"), the request and
//                 the response status and headers without credentials, the detected dialect,
//                 tags, and the expectations bless writes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"
#include "corpus/import.hpp"
#include "record/client.hpp"

namespace harness::record {

/// What was sent and what came back.
struct Recording {
  UpstreamRequest request;
  ResponseHead head;
  std::string body;                    ///< every read, concatenated
  std::vector<corpus::Arrival> arrivals; ///< one per read, in order
  std::vector<std::string> notes;      ///< what the client noticed (ClientCallbacks::on_note)
};

struct StoreOptions {
  std::string case_name;
  std::filesystem::path corpus_dir;
  bool force = false;
  bool keep_errors = false; ///< store a non-2xx response too (response.status says what it was)
  std::optional<std::filesystem::path> deviations;
};

struct Stored {
  corpus::WrittenCase written;
  std::string dialect;
  std::vector<std::string> notes; ///< for the user, e.g. which credential headers were dropped
};

/// 2xx, or --keep-errors.
bool should_store(const Recording &r, const StoreOptions &options);

/// The one-line refusal of a non-2xx response: "answered 401 Unauthorized: <first line of the
/// body, at most 200 bytes>", naming the upstream.
Error status_error(const Recording &r);

/// Writes the case (see the top of this file). Errors: those of corpus::write_new_case; an empty
/// body; a 2xx body without any SSE event (a non-2xx one kept with keep_errors may have none).
Result<Stored> store_recording(const Recording &r, const StoreOptions &options);

} // namespace harness::record

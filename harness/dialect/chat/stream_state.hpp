#pragma once
// What the chat decoder remembers about a stream beyond the result itself: what later chunks are
// compared with (the first id and model, the latest created) and where findings made when the
// stream ends point (the chunks that carried a choice or started a tool call). It is not part of
// the result document. Its size grows with the number of choices and tool calls, never with the
// number of events.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace harness::chat {

/// An event a finding can point at: its data_offset and index.
struct EventRef {
  uint64_t offset = 0;
  uint64_t index = 0;
};

/// Per choice, parallel to StreamResult::choices (same positions, same order).
struct ChoiceState {
  EventRef first; ///< the first chunk that carried this choice
  EventRef last;  ///< the last chunk that carried it
  bool had_delta = false;              ///< a chunk with a delta object for it was merged
  bool empty_finish_reported = false;  ///< chat.finish-reason-empty already said for it
  std::vector<EventRef> tool_calls;    ///< first fragment of each tool call, parallel to
                                       ///< Choice::tool_calls
};

struct StreamState {
  std::vector<ChoiceState> choices;
  std::string first_id;    ///< the first non-empty top-level id; empty until there is one
  std::string first_model; ///< the first non-empty model, likewise
  std::optional<int64_t> latest_created; ///< the largest created seen so far
  uint64_t chunks = 0;                   ///< payloads merged (decoded JSON objects)
  std::optional<EventRef> last_event;    ///< the last event the decoder was given
  /// memo_serials of remembered shapes whose stored header (id, model, object) was checked and
  /// gave no finding, most recent last (merge.hpp); 0 = empty entry.
  std::array<uint64_t, 4> clean_headers{};
  size_t next_clean_header = 0; ///< the entry to overwrite next
};

} // namespace harness::chat

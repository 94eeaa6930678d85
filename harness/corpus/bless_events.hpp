#pragma once
// Blessing a case's event logs (corpus/event_logs.hpp): writing complete logs from what the
// implementations dispatch now, without ever overwriting an assertion an implementation fails.
// Only SSE-level cases ("dialect": "sse") and cases that already have an event log are blessed
// this way; other cases get none (their expectation is the reassembled result).
//
// The reference is `whatwg` (it claims to be spec-exact):
//   events.jsonl        absent: written from whatwg's log. Present: rewritten complete from
//                       whatwg's log when that matches every field it asserts; otherwise left as
//                       it is and whatwg's difference is a dispute (the vector may be right and
//                       whatwg wrong: a person decides).
//   events.IMPL.jsonl   present: rewritten complete when IMPL's log matches it, else left and
//                       disputed. Absent: written when IMPL's log differs from events.jsonl
//                       (recording what IMPL does, e.g. `lines` on a CR-only stream), except for
//                       whatwg, whose difference from events.jsonl is a dispute instead.
// Each write is atomic (write_file_atomic).
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"

namespace harness::corpus {

/// The implementation whose log becomes events.jsonl.
inline constexpr const char *kEventReferenceImpl = "whatwg";

struct EventLogWrite {
  std::string file;      ///< file name in the case folder
  std::string impl;      ///< "" for events.jsonl
  bool created = false;  ///< the file did not exist
  std::string old_text;  ///< its content before ("" when created)
  std::string new_text;  ///< the complete log to write
  std::string why;       ///< created per-implementation file: the difference from events.jsonl
};

struct EventLogDispute {
  std::string impl;
  std::string difference; ///< one line (check::event_log_difference)
};

struct EventsBlessing {
  std::vector<EventLogWrite> writes; ///< only files whose bytes change
  std::vector<EventLogDispute> disputes;
};

/// Whether bless handles `c`'s event logs (see above).
bool blesses_event_logs(const Case &c);

/// Computes the event-log blessing of `c` (whole-stream replays of every implementation that
/// handles its dialect). Error when the reference does not exist.
Result<EventsBlessing> bless_event_logs(const Case &c);

/// Writes every file of `blessing` atomically; stops at the first error, which names the file.
Status write_event_logs(const Case &c, const EventsBlessing &blessing);

} // namespace harness::corpus

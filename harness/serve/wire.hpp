#pragma once
// How one response goes on the wire: write sizes, HTTP framing, timing and faults. Users name them
// in a URL's <options> segment (route.hpp), items joined by '+', later items overriding earlier
// ones of the same kind:
//
//   writes   whole | bytes:N | drip | random:SEED   write sizes independent of event boundaries
//            events                                one write per SSE event (as `tolerant` frames it)
//   framing  chunked (default)                     each write is one HTTP/1.1 chunk
//            close                                 no Transfer-Encoding: the body ends when the
//                                                  server closes the connection
//   timing   delay:MS                              MS milliseconds before every write but the first
//            timing:SCALE                          the recorded reads (case timing.json, written by
//                                                  `record`) as the writes, each after its recorded
//                                                  gap times SCALE (0.001 to 100; 1 = as recorded)
//   faults   (cuts, resets and bad chunks come 100 ms after the last byte sent, so the bytes have
//            arrived when the connection fails)
//            cut-bytes:N   close after N bytes of the stream
//            cut-events:N  close after N events (at the start of event N)
//            reset:N       TCP reset (RST) after N bytes
//            stall:MS      pause MS milliseconds before the middle write, then carry on
//            bad-chunk:N   after N bytes, a malformed chunk-size line, then close (chunked only)
//            status:CODE   HTTP CODE (400..599, e.g. 429 or 500) with a JSON error, no stream
//            error-event:N the first N events, then an error event in the case's dialect (an
//                          {"error": …} payload for chat; `event: error` for Messages and
//                          Responses), then the normal end
//
// A Plan is what the server sends for one case under one WireOptions, computed without touching
// the network, so that `clients run` derives each client's expected outcome from exactly the bytes
// the client receives (clients/expectation.hpp).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"
#include "split/split.hpp"

namespace harness::serve {

struct Fault {
  enum class Kind { none, cut_bytes, cut_events, reset, stall, bad_chunk, status, error_event };
  Kind kind = Kind::none;
  uint64_t n = 0; ///< bytes, events, milliseconds or the HTTP status, by kind
  bool operator==(const Fault &) const = default;
};

enum class Framing { chunked, close };

struct WireOptions {
  split::Split writes;       ///< how the body is cut into writes, unless event_writes
  bool event_writes = false; ///< "events": one write per SSE event
  Framing framing = Framing::chunked;
  uint32_t delay_ms = 0;     ///< before every write but the first
  uint32_t timing_permille = 0; ///< timing:SCALE as SCALE x 1000; 0 = not replaying the timing
  Fault fault;

  /// The canonical options segment: the items that differ from the defaults (whole, chunked, no
  /// delay, no fault) in a fixed order, "-" when none do. parse_wire_options(name()) == *this.
  std::string name() const;
  bool operator==(const WireOptions &) const = default;
};

/// Parses `options` ("-" = `defaults`), items joined by '+', each applied over `defaults`. Errors
/// name the item that is wrong and what was expected.
Result<WireOptions> parse_wire_options(std::string_view options, const WireOptions &defaults);

/// How the response ends after its last write.
enum class Ending {
  complete,  ///< chunked: the last chunk; close: the server closes after the whole stream
  close,     ///< the connection is closed early (chunked: without the last chunk)
  reset,     ///< the connection is reset (RST)
  bad_chunk, ///< a malformed chunk-size line, then close
};

struct Plan {
  unsigned status = 200;   ///< not 200: `body` is a JSON error and nothing else is sent
  /// Every byte of the response body the client is sent, in order. A view: into the stream given
  /// to plan() when the body is all or a prefix of it (valid while that stream lives, which is why
  /// a fault-free response costs no copy of the case), else into `owned`.
  std::string_view body;
  /// The bytes `body` views when they are not the stream's own (an HTTP error's JSON, a stream
  /// with an error event added); shared by copies of the plan, so `body` stays valid in each.
  std::shared_ptr<const std::string> owned;
  std::vector<size_t> ends; ///< write i is body[ends[i-1], ends[i]) (ends[-1] = 0)
  std::vector<uint32_t> pause_ms; ///< pause before write i (same length as ends)
  Framing framing = Framing::chunked;
  Ending ending = Ending::complete;
  bool stream_cut = false; ///< the client gets only part of the case's stream (cut, reset, bad chunk)
  bool error_event = false; ///< an error event was added after part of the stream
  /// Where the stream was cut, for reports ("" when it was not).
  std::string what_happened;

  /// Whether a correct client must report an error: an HTTP error status; an error event; or a
  /// stream cut in a way HTTP makes visible (a chunked body without its last chunk, a reset, a
  /// bad chunk). A close-delimited body cut short is indistinguishable from its end.
  bool error_must_surface() const;
};

/// The plan for `stream` (a case of `dialect`) under `options`. `event_starts` are the offsets of
/// the stream's SSE events (sse::event_offsets), ascending; `timing` the case's recorded reads
/// (empty when it has none). Errors: a cut, reset or bad chunk not inside the stream (N >= its
/// size, or beyond its last event), bad-chunk with close framing, timing:SCALE for a case without
/// recorded timing.
Result<Plan> plan(std::string_view stream, std::span<const uint64_t> event_starts,
                  std::string_view dialect, const WireOptions &options,
                  std::span<const corpus::Arrival> timing = {});

} // namespace harness::serve

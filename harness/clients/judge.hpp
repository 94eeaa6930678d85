#pragma once
// Judging one client run: the expected outcome is derived, never hand-written, from exactly the
// bytes the server sent (serve::Plan):
//   - the whole stream (whatever the write sizes, framing or pauses): the case's expect.default,
//     what the producer meant;
//   - a stream cut short (cut-bytes, cut-events, reset, bad-chunk): the reference result
//     (`tolerant` with its dialect decoder; `whatwg` for an SSE-level case, a spec vector about
//     the standard's own rules) on the events that arrived complete — an event the cut went
//     through may be incomplete, so no client may show it;
//   - an error event after part of the stream: the reference result on the bytes sent;
//   - an HTTP error status: no events, no choices, no usage;
// plus "an error must surface" where the plan says so (Plan::error_must_surface) or the stream
// itself reports an error: the client must raise (for SSE-level clients an error event they
// report also counts; for curl, a non-zero exit on an HTTP-level error). An SDK-level client (one
// not judged on events) that raised where an error must surface is judged on that alone: its
// user gets the exception, not a partial answer.
// Only the fields the client shows are compared (Client::judged), `errors` by message and source.
// Differences are then matched against the known deviations exactly like `check` does, with the
// wire options as the variant: "" when the whole stream arrived with status 200, else the
// options' canonical name (e.g. "cut-events:2", "status:429"), which entries match with globs.
#include <span>
#include <string>

#include "check/case_check.hpp"
#include "clients/client.hpp"
#include "clients/process.hpp"
#include "corpus/case.hpp"
#include "serve/wire.hpp"

namespace harness::clients {

/// The variant a run counts as for known deviations (see above).
std::string variant_of(const serve::Plan &plan, std::string_view stream,
                       const serve::WireOptions &options);

struct Judged {
  check::Row row;       ///< impl = client name, variant = variant_of, outcome and lines
  std::string raised;   ///< what the client raised, "" when nothing
  std::string summary;  ///< one line: "12 events, 1 choice, raised …" or the bytes received
};

/// Judges one finished run. `event_starts` are the case stream's (sse::event_offsets).
Judged judge(const corpus::Case &c, std::span<const uint64_t> event_starts, const Client &client,
             const serve::WireOptions &options, const serve::Plan &plan,
             const ProcessOutcome &run, const check::DeviationLookup &deviations);

} // namespace harness::clients

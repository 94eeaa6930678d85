#pragma once
// The properties the fuzz targets check, one function each. Every function takes a decoded fuzz
// input (split_encoding.hpp: the stream and how it is cut into feeds), runs the code under test and
// returns the first violation it sees, or nothing. They never abort: the target table (targets.hpp)
// turns a violation into a crash, and tests call these directly to show each property can fire.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "fuzz/split_encoding.hpp"
#include "pipeline/implementation.hpp"
#include "sse/parser.hpp"

namespace harness::fuzz {

/// What went wrong: `property` is a short stable name ("event-index", "split-invariance", ...),
/// `detail` one line saying where and how (bytes shown escaped).
struct Violation {
  std::string property;
  std::string detail;
};

using Verdict = std::optional<Violation>;

/// Which extra rules a parser's events follow beyond the interface's (sse/parser.hpp).
enum class EventRules {
  interface_only, ///< index, offsets and finding offsets only (SDK profiles)
  whatwg,  ///< whatwg and tolerant: decoded text (valid UTF-8; type never empty; no CR; no LF in
           ///< type or id; no NUL in id), and each finding's event is the next event's index
  lines,   ///< lines: type "message", empty id, data_offset = offset + 6, no findings
};

/// The invariants of every event and finding the parser made by `make` emits for `in`: indexes
/// count from 0 without gaps, event offsets never decrease and lie inside the stream,
/// offset <= data_offset <= stream size, finding offsets <= stream size; plus `rules`.
Verdict check_parser(const SplitInput &in, sse::ParserFactory make, EventRules rules);

/// Replays `in` through `impl`'s parser and its decoder for `dialect` (which `impl` must handle)
/// and checks the result: its event count is the parser's and the parser's findings appear in it
/// in order (an SDK profile whose client raised or saw the end marker may count fewer; then the
/// findings are not compared), choice and tool-call indexes strictly increase, offsets lie inside the stream, and its
/// result document (report/result_json.hpp) serializes to JSON that parses back with encoding
/// validation.
Verdict check_replay(const SplitInput &in, const pipeline::Implementation &impl,
                     std::string_view dialect);

/// The whole pipeline: the stream's detected dialect, check_replay for every implementation that
/// handles it, and `lint` (findings ordered by offset, inside the stream, counts adding up).
Verdict check_pipeline(const SplitInput &in);

/// The finding rules by which `tolerant` makes the events differ from what WHATWG says (see
/// sse/tolerant.hpp): a stripped mid-stream BOM, a dispatch without blank line, a payload taken
/// from the next line, an unterminated event dispatched. Its other findings (invalid UTF-8
/// included: both parsers substitute U+FFFD the same way) change no event.
bool is_repair(std::string_view rule);

/// When the parser made by `repairing` reports no repair (is_repair) for `in`, it must emit
/// exactly the events (type, data, id, index, offset, data_offset) the one made by `reference`
/// emits. Findings are not compared: `tolerant` also notes a comment on an unterminated last line.
Verdict check_differential(const SplitInput &in, sse::ParserFactory reference,
                           sse::ParserFactory repairing);

/// The split must not matter: `impl`'s parser emits the same trace (events and findings, every
/// field) under in's feeds as fed whole, and, when `impl` handles `dialect`, its decoder gives an
/// equal StreamResult. A plain input (no split header) is compared with the feed lengths 1, 3, 7
/// cycled instead, so that it tests something too. Then every 2-way split point of the stream, as
/// `check --split every` decides it (pipeline::split_point_violation).
Verdict check_split_invariance(const SplitInput &in, const pipeline::Implementation &impl,
                               std::string_view dialect);

} // namespace harness::fuzz

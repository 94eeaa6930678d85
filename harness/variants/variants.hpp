#pragma once
// Metamorphic variants: a case's stream rewritten in ways that must not change what a conforming
// client reassembles (or that change it in one known way). `check --variants` replays every variant
// and derives its expectation from the base stream's own result, so no variant needs hand-written
// expectations:
//   crlf           every LF line end becomes CRLF                       same result
//   cr             every line end (LF, CRLF) becomes a bare CR          same result
//   bom            a UTF-8 BOM before the first byte                    same result
//   comments       `: keep-alive` lines before every event but the first  same result
//   no-space       `data: ` at the start of a line becomes `data:`     same result
//   multiline      each one-line JSON payload spread over several data: lines, cut after commas
//                  between members of the top-level object               same result
//   no-final-blank the blank line after the last event removed          the last event is dropped by
//                  implementations that discard an unterminated event (whatwg), kept by the others
// Findings are not compared (a variant adds its own: sse.cr-line-ends, sse.comment, ...).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace harness::variants {

enum class Kind { crlf, cr, bom, comments, no_space, multiline, no_final_blank };

struct Variant {
  Kind kind;
  std::string_view name;
  std::string_view description;
};

/// All variants, in the order above.
std::span<const Variant> variants();

/// The variant of `stream`, or nullopt when it does not apply (no LF to rewrite, a BOM already
/// there, no `data: ` line, no payload to spread, no final blank line, only one event for comments).
/// `event_offsets` are the offsets of the base stream's events' blocks (from the tolerant parser),
/// used to place comments between events even in streams without blank lines.
std::optional<std::string> derive(Kind kind, std::string_view stream,
                                  std::span<const uint64_t> event_offsets);

} // namespace harness::variants

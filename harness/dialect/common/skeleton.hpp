#pragma once
// A payload's skeleton: what the shape memos (chat/shape_memo.hpp for the chat decoder's SAX
// reader, common/document_memo.hpp for the DOM decoders) compare to decide that a new payload
// parses exactly like a remembered one, up to the values in its holes.
//
// The remembered payload is one RapidJSON parsed successfully with json::kParseFlags, to its last
// byte. Its holes, in document order, are
//   string  the contents of a VALUE string literal (keys are skeleton): from after the opening quote
//           to the closing quote, which is skeleton;
//   number  a number token: its first byte ('-' or a digit) to the first byte after it that is not
//           one of 0-9 + - . e E (in a valid payload that byte is whitespace , ] } or the end);
//   space   a run of JSON whitespace (space, tab, LF, CR) between tokens.
// A consumer may keep a number hole as skeleton (forget_hole), so its bytes must then repeat.
//
// match() accepts a new payload when
//   (1) every byte outside the holes equals the remembered byte, where in the new payload a string
//       hole runs from the skeleton's opening quote to the next quote not escaped by an odd run of
//       backslashes, a number hole over the longest run of 0-9 + - . e E (at least one byte) and a
//       space hole over the longest run of whitespace (possibly none); the skeleton resumes exactly
//       where the hole ends;
// and the consumer then checks, before using the payload,
//   (2) every string hole, framed by its quotes, is a valid JSON string literal (plain_string(),
//       else RapidJSON on the literal alone: LiteralParser::string), and every number hole is one
//       number token RapidJSON reads to its last byte (LiteralParser::number, or
//       short_integer() for the tokens whose reading is given below).
//
// Why (1) and (2) imply that a full parse of the new payload succeeds with the same events as the
// remembered one except the values in the holes: RapidJSON's reader is deterministic and its state
// after a token depends only on its state before it and the token's kind, never on the value.
// Up to the first hole the bytes are the remembered ones, so the reader reaches the hole in the
// remembered state. A string literal is read the same wherever it appears (escapes, control
// characters and UTF-8 checked, ends at the first unescaped quote): by (2) it is valid, and a valid
// literal ends at its first quote not preceded by an odd backslash run — where the skeleton resumes.
// A number is read by ParseNumber from its first byte, greedily, with one byte of lookahead and no
// other context (kParseFlags has neither full precision nor numbers-as-strings); alone (followed by
// the end of input, which RapidJSON reads as NUL) and in the payload (followed by the skeleton byte,
// which is not a number byte) it sees the same bytes and the same kind of lookahead, so by (2) it
// stops at the hole's end with the same value. Whitespace is skipped wherever the reader may meet
// it, any amount of it, with no event; a remembered run always sits between two tokens at least one
// of which is structural, so an empty or longer run cannot join or split tokens. By (1) the bytes
// up to the next hole are again identical, and so on to the end, where the byte counts agree.
//
// Shortcut that does not change the decision: runs of bytes equal to the remembered payload are
// found eight bytes at a time, and a hole lying wholly inside such a run together with the byte
// that ends it (closing quote, delimiter) is the remembered hole itself: the scan would stop at the
// same byte and the contents are those that already parsed. Its span is marked `same`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/rapidjson.hpp"

namespace harness::dialect {

enum class HoleKind : uint8_t { string, number, space };

struct Hole {
  uint32_t begin; ///< first byte of the contents (after the opening quote for strings)
  uint32_t end;   ///< one past the contents (a string's closing quote)
  HoleKind kind;
};

/// Where a hole lies in a matched payload.
struct HoleSpan {
  uint32_t begin;
  uint32_t end;
  bool same; ///< byte-identical to the remembered hole, delimiter included (so known valid)
};

class Skeleton {
public:
  /// Remembers `payload`, which RapidJSON parsed successfully with json::kParseFlags to its last
  /// byte, and lexes its holes. False (nothing remembered) when the payload is 4 GiB or more or
  /// nests objects and arrays deeper than `max_depth` (DOM walkers recurse over the holes' values).
  bool assign(std::string_view payload, unsigned max_depth);

  /// The holes in document order (empty before assign).
  const std::vector<Hole> &holes() const { return holes_; }
  const std::string &bytes() const { return bytes_; }

  /// Makes number hole `k` skeleton: its bytes must then repeat exactly. The indexes of later holes
  /// shift down by one.
  void forget_hole(size_t k);

  /// Condition (1) above for `payload`: on true, `spans` holds one span per hole, in order.
  bool match(std::string_view payload, std::vector<HoleSpan> &spans) const;

  /// The commas of `payload` outside string literals (found as match() finds them), and of the
  /// remembered payload. A payload that matches has the remembered count: commas are skeleton
  /// bytes outside string holes, and number and space holes hold none. So a memo may skip shapes
  /// whose count differs without changing a decision; it is cheaper than a failed match() when
  /// payloads differ in an array's length (Responses logprobs' `bytes`).
  static uint32_t commas(std::string_view payload);
  uint32_t commas() const { return commas_; }

private:
  std::string bytes_;
  std::vector<Hole> holes_;
  uint32_t commas_ = 0;
};

/// A string hole that is its own decoded value: printable ASCII without '"' and '\'.
bool plain_string(std::string_view contents);

/// The value of an integer token of at most 15 digits (`-?(0|[1-9][0-9]{0,14})`), which RapidJSON
/// reads as Int, Uint, Int64 or Uint64 with exactly this value, magnitude below 2^53; empty for
/// any other token.
std::optional<int64_t> short_integer(std::string_view token);

/// RapidJSON with json::kParseFlags on one literal alone: condition (2) and the hole's value.
class LiteralParser {
public:
  /// `literal` is a string literal with its quotes: appends its decoded value to `out` and returns
  /// true when RapidJSON accepts it whole; `out` may hold a partial value otherwise.
  bool string(std::string_view literal, std::string &out);
  /// `token` is a number token: sets `out` to the value RapidJSON's DOM builds for it (the same
  /// Int/Uint/Int64/Uint64/Double event) and returns true when RapidJSON accepts it whole.
  bool number(std::string_view token, rapidjson::Value &out);

private:
  rapidjson::Reader reader_;
};

} // namespace harness::dialect

#pragma once
// The per-stream shape memo: the fast path that lets most payloads skip the full parse.
//
// Producers send thousands of chunks that differ only inside a few string values (the content
// word, an `obfuscation` pad). After a full parse the memo remembers the payload's skeleton: its
// bytes, with the contents of every VALUE string literal treated as a hole (keys are not holes), and
// for each hole the slot of the decoded chunk it feeds. A later payload is accepted when
//   (1) every byte outside the holes is identical to the remembered payload's, where a hole in the
//       new payload runs from the skeleton's opening quote to the next quote not escaped by an odd
//       run of backslashes, and the skeleton resumes exactly at that quote; and
//   (2) every hole, framed by its two quotes, is a valid JSON string literal: a hole made only of
//       bytes 0x20..0x7E without '"' or '\' is one and decodes to itself; any other hole is parsed by
//       RapidJSON alone, with json::kParseFlags, which checks escapes, control characters and UTF-8
//       exactly as the full parse would, and yields the decoded value.
// Then the remembered chunk is reused with its slots rebound to the new holes. Anything else — a
// number, key, literal or whitespace that differs, a hole that breaks the skeleton or is invalid —
// sends the payload to the full parse, which re-memoises it or reports the precise error.
//
// Why that equals a full parse: RapidJSON's parser is deterministic and reads a string literal the
// same way wherever it appears (opening quote, escapes and UTF-8 validated, first unescaped quote).
// Its state after a literal depends only on the state before it, not on the literal's content. The
// new payload's bytes before the first hole equal the remembered ones, so the parser reaches the
// first hole's opening quote in the same state; by (2) the literal parses successfully and, since a
// valid literal ends at its first quote not preceded by an odd backslash run (the rule used to find
// the hole's end), it ends exactly where the skeleton resumes; by (1) the following bytes are again
// identical, and so on to the end. Hence the new payload parses successfully with the same SAX
// events as the remembered one except the values of those strings — which is exactly what the
// remembered chunk plus rebound slots represents. Keys never change (they are skeleton bytes), so
// the same strings feed the same fields. Trailing bytes (including the NUL check the chunk reader
// does) are skeleton bytes too. The chunk reader's handler never looks at a value string's content
// except to store it; the one exception, a top-level "error" (whose message may be the JSON text of
// a whole object), makes a payload unmemoisable.
//
// Two shortcuts keep the check cheap without changing what it decides: runs of bytes equal to the
// remembered payload are found eight bytes at a time, and a hole lying wholly inside such a run
// (closing quote included) is the remembered literal itself — the closing-quote scan would stop at
// the same byte, and that literal already parsed, to the value the remembered payload had.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialect/chat/decoded_chunk.hpp"
#include "dialect/chat/memo_stats.hpp"
#include "json/rapidjson.hpp"

namespace harness::chat {

class ShapeMemo {
public:
  /// More shapes only make misses slower: every remembered shape is tried before a full parse.
  static constexpr unsigned kMaxShapes = 16;
  static constexpr unsigned kMissesBeforeBackoff = 16;
  static constexpr unsigned kProbeInterval = 16;

  /// Remembers up to `shapes` skeletons (clamped to 1..kMaxShapes).
  explicit ShapeMemo(unsigned shapes);

  /// Whether to consult the memo for the next payload at all. Streams whose shape never repeats
  /// (xAI grok-beta's usage counters change on every chunk) would pay for lookups and stores that
  /// never hit; after kMissesBeforeBackoff misses in a row only every kProbeInterval-th payload
  /// tries the memo, until one hits again. Purely a speed decision: results do not depend on it.
  bool worth_trying();

  /// Tries the remembered shapes, most recently used first. On a hit returns the remembered chunk
  /// with its values rebound to `payload` (views valid until the next lookup or store, and only
  /// while `payload`'s bytes live), and header_as_stored set when the id, model and object holes
  /// are byte-identical to the stored payload's. nullptr when no shape matched or the matching
  /// shape had a hole RapidJSON rejects: the caller must then parse the payload fully.
  const DecodedChunk *lookup(std::string_view payload);

  /// Remembers `payload`, which the chunk reader decoded successfully into `chunk` with `value_slots`
  /// (one slot or kNoSlot per value string literal, in document order). The least recently used
  /// shape is evicted and its chunk swapped into `chunk`, so the caller's scratch keeps capacity.
  /// Returns the remembered chunk (values still valid) with a new memo_serial and header_as_stored
  /// set, or nullptr when nothing was stored (the payload is too large, or its literals did not
  /// line up with `value_slots`); `chunk` is then untouched.
  const DecodedChunk *store(std::string_view payload, const std::vector<Slot> &value_slots,
                            DecodedChunk &chunk);

  const MemoStats &stats() const { return stats_; }
  /// Counts a payload that went to the full parse (kept here so all memo figures live together).
  void count_full_parse() { ++stats_.full_parses; }

private:
  struct Hole {
    uint32_t begin; ///< first byte inside the quotes
    uint32_t end;   ///< the closing quote
    Slot slot;
    bool plain;  ///< the remembered literal is its own value (see plain() in the .cpp)
    bool header; ///< it feeds the chunk's id, model or object
  };
  struct Shape {
    std::string bytes;
    std::vector<Hole> holes;
    DecodedChunk chunk;
    bool valid = false;
  };

  bool skeleton_matches(const Shape &shape, std::string_view payload);
  bool bind_holes(Shape &shape, std::string_view payload);
  bool decode_literal(std::string_view literal);
  void touch(size_t order_position);

  std::vector<Shape> shapes_;
  std::vector<uint32_t> order_; ///< indexes into shapes_, most recently used first
  MemoStats stats_;
  uint64_t miss_streak_ = 0; ///< lookups in a row without a hit
  uint64_t since_probe_ = 0; ///< payloads not tried since the last probe, while backing off
  uint64_t last_serial_ = 0; ///< the memo_serial given to the last stored shape

  // Scratch, kept for capacity.
  struct Span {
    uint32_t begin;
    uint32_t end;
    bool same; ///< byte-identical to the remembered hole (and so known valid)
  };
  std::vector<Span> spans_; ///< holes of the payload being matched
  std::string decoded_;                              ///< decoded escaped/non-ASCII holes
  std::vector<std::pair<Slot, std::pair<size_t, size_t>>> fixups_;
  std::vector<Hole> lexed_;
  rapidjson::Reader reader_;
};

} // namespace harness::chat

#pragma once
// The per-stream shape memo: the fast path that lets most payloads skip the full parse.
//
// Producers send thousands of chunks that differ only in a few values (the content word, an
// `obfuscation` pad, cumulative usage counters). After a full parse the memo remembers the
// payload's skeleton (dialect/common/skeleton.hpp: value strings, numbers and whitespace runs are
// holes) and, for each string hole, the slot of the decoded chunk it feeds, and for each number
// hole the integer field it sets. A later payload whose skeleton matches and whose holes are valid
// (skeleton.hpp's conditions (1) and (2)) reuses the remembered chunk with its slots and fields
// rebound. Anything else goes to the full parse, which re-memoises it or reports the precise error.
//
// Which numbers are holes: a number is a hole when its remembered token is a short integer
// (skeleton.hpp's short_integer: at most 15 digits, so RapidJSON calls Int/Uint/Int64/Uint64 with a
// value below 2^53) and either its value decides nothing (NumberField::Kind::none) or the field it
// set still holds its value when the parse ended (it is the field's last writer, or wrote the same
// value as the last writer). Any other number stays skeleton, so its bytes must repeat. A number
// hole is valid only when its new token is a short integer too.
//
// Why a hit equals a full parse: by skeleton.hpp the full parse would emit the remembered SAX
// events except the values of string holes and number holes. Keys never change (skeleton), so the
// same values reach the same targets, and whitespace emits nothing. The chunk reader never looks at
// a value string's content except to store it (the one exception, a top-level "error", makes a
// payload unmemoisable). For numbers it keeps only the int64 value of an integer (Int, Uint, Int64
// and Uint64 alike), notes a type only for non-integers, and counts big integers only beyond 2^53:
// a short integer replacing a short integer changes nothing but the value written to its field.
// Writes happen in document order and the last one wins, so writing every number hole's new value
// in document order ends with each field holding its last writer's value; a field whose remembered
// last writer was not a number hole (a reset by null, a string, a repeated object) has no number
// hole writing it after that (such numbers failed the check above and are skeleton). Trailing bytes
// (including the NUL check the chunk reader does) are skeleton bytes too.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dialect/chat/decoded_chunk.hpp"
#include "dialect/common/memo_policy.hpp"
#include "dialect/common/memo_stats.hpp"
#include "dialect/common/skeleton.hpp"

namespace harness::chat {

class ShapeMemo {
public:
  /// More shapes only make misses slower: every remembered shape is tried before a full parse.
  static constexpr unsigned kMaxShapes = 16;

  /// Remembers up to `shapes` skeletons (clamped to 1..kMaxShapes).
  explicit ShapeMemo(unsigned shapes);

  /// Whether to consult the memo for the next payload at all (dialect/common/memo_policy.hpp; the
  /// grok-beta shape used to need this before numbers were holes). Results do not depend on it.
  bool worth_trying() { return policy_.worth_trying(stats_); }

  /// Tries the remembered shapes, most recently used first. On a hit returns the remembered chunk
  /// with its values rebound to `payload` (views valid until the next lookup or store, and only
  /// while `payload`'s bytes live), and header_as_stored set when the id, model and object holes
  /// are byte-identical to the stored payload's. nullptr when no shape matched or the matching
  /// shape had an invalid hole: the caller must then parse the payload fully.
  const DecodedChunk *lookup(std::string_view payload);

  /// Remembers `payload`, which the chunk reader decoded successfully into `chunk` with
  /// `value_slots` (one slot or kNoSlot per value string literal, in document order) and
  /// `number_fields` (one per number). The least recently used shape is evicted and its chunk
  /// swapped into `chunk`, so the caller's scratch keeps capacity. Returns the remembered chunk
  /// (values still valid) with a new memo_serial and header_as_stored set, or nullptr when nothing
  /// was stored (the payload is too large or too deep, or its literals did not line up with the
  /// lists); `chunk` is then untouched.
  const DecodedChunk *store(std::string_view payload, const std::vector<Slot> &value_slots,
                            const std::vector<NumberField> &number_fields, DecodedChunk &chunk);

  const MemoStats &stats() const { return stats_; }
  /// Counts a payload that went to the full parse (kept here so all memo figures live together).
  void count_full_parse() { ++stats_.full_parses; }

private:
  /// What a hole feeds; index k matches the skeleton's hole k.
  struct HoleUse {
    Slot slot = kNoSlot;  ///< string holes
    NumberField field;    ///< number holes
    int64_t number = 0;   ///< number holes: the remembered value
    bool plain = false;   ///< string holes: the remembered literal is its own value
    bool header = false;  ///< string holes: it feeds the chunk's id, model or object
  };
  struct Shape {
    dialect::Skeleton skeleton;
    std::vector<HoleUse> uses;
    DecodedChunk chunk;
    bool valid = false;
  };

  bool bind_holes(Shape &shape, std::string_view payload);
  bool map_holes(Shape &shape, std::string_view payload, const std::vector<Slot> &value_slots,
                 const std::vector<NumberField> &number_fields, DecodedChunk &chunk);

  std::vector<Shape> shapes_;
  dialect::MemoPolicy policy_;
  MemoStats stats_;
  uint64_t last_serial_ = 0; ///< the memo_serial given to the last stored shape

  // Scratch, kept for capacity.
  std::vector<dialect::HoleSpan> spans_; ///< holes of the payload being matched
  std::string decoded_;                  ///< decoded escaped/non-ASCII holes
  std::vector<std::pair<Slot, std::pair<size_t, size_t>>> fixups_;
  std::vector<size_t> fixed_; ///< number holes a store keeps as skeleton
  dialect::LiteralParser literal_;
};

} // namespace harness::chat

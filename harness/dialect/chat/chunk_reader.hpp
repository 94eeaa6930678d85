#pragma once
// Full decoding of one payload with a RapidJSON SAX handler (no DOM): the slow path, taken by the
// first payload of every shape and whenever the shape memo cannot vouch for a payload. It is also
// the reference the memo must agree with.
//
// What it reads (everything else is validated by RapidJSON and otherwise ignored):
//   error                       non-null: message = the string itself, else error.message when that
//                               is a string, else the compact JSON text of the value
//   id, model, object           strings; any other type reads as absent, without a type note
//   created                     integer (int64); any other type reads as absent, without a note
//   choices[]                   array; absent or null = none
//     .index                    integer (int64); otherwise empty, which the merge treats as 0
//     .delta                    whether it is an object (has_delta)
//     .delta.role|content|reasoning_content|reasoning|refusal   strings; null = absent
//     .delta.tool_calls[]       .index, .id, .type, .function.name, .function.arguments
//     .finish_reason            string; null = absent
//   usage                       object (prompt_tokens, completion_tokens, total_tokens,
//                               completion_tokens_details.reasoning_tokens, and input_tokens /
//                               output_tokens for comparison; a counter that is not an int64 stays
//                               empty) or null
//   every number                integers beyond +-2^53 are counted (big_integers), wherever they
//                               are, including subtrees nobody reads and a captured error
// A field of an unusable type is ignored and leaves a type note. When a key repeats inside one
// object the later value wins (as JSON.parse and Python's json do); a repeated array restarts.
// Fields of a choice are collected and only merged after the whole payload parsed, so `index` may
// come after `delta` and an invalid payload changes nothing.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/chat/decoded_chunk.hpp"

namespace harness::chat {

struct ReadOutcome {
  enum class Kind { ok, invalid, not_object };
  Kind kind = Kind::ok;
  uint64_t error_offset = 0; ///< invalid: offset inside the payload where RapidJSON failed
  std::string message;       ///< invalid: RapidJSON's English text for the error
};

class ChunkReader {
public:
  ChunkReader();
  ~ChunkReader();
  ChunkReader(const ChunkReader &) = delete;
  ChunkReader &operator=(const ChunkReader &) = delete;

  /// Decodes `payload` (any bytes; NUL included) into `out`, which is cleared first. Parsed with
  /// json::kParseFlags; a NUL byte after a complete document (where RapidJSON stops reading) is
  /// reported as invalid at that byte rather than silently dropping what follows.
  /// On ok: `out.values` view strings owned by this reader, valid until the next read; and
  /// `value_slots` lists, for every VALUE string literal of the payload in document order (keys
  /// excluded, strings in ignored subtrees included), the slot it feeds or kNoSlot. That list is what
  /// the shape memo needs to map its holes; likewise `number_fields` gets, for every number, the
  /// integer field it set (NumberField::Kind::none when its value decides nothing). On other
  /// outcomes `out` is unspecified.
  ReadOutcome read(std::string_view payload, DecodedChunk &out, std::vector<Slot> &value_slots,
                   std::vector<NumberField> &number_fields);

  /// Whether the last ok read may be remembered by the shape memo: false when the payload carried a
  /// top-level "error" (whose message may be built from the whole value, not from one hole).
  bool memoizable() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace harness::chat

#pragma once
// What one `chat.completion.chunk` payload says, before it is merged into the stream's result.
//
// String values are not stored in the chunk itself: each string field holds a slot number and
// `values[slot]` is the decoded string. That split is what makes the shape memo cheap: a payload with
// the same shape as a remembered one reuses the remembered chunk and only rebinds `values`.
// Everything that depends on a string's content (empty or not, equal or not) is decided when the
// chunk is merged (merge.hpp), never while decoding, so a reused chunk decides the same way. Every
// field that is not a slot (numbers, which keys are present, container types) is derived from the
// payload's shape alone, which the memo compares byte for byte (shape_memo.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream_result.hpp"

namespace harness::chat {

/// Index into DecodedChunk::values; kNoSlot when the field was absent or null.
using Slot = int32_t;
inline constexpr Slot kNoSlot = -1;

/// The integer field of a DecodedChunk that a number of the payload set, for the shape memo to set
/// again from a new token (shape_memo.hpp); `none` for a number whose value decides nothing (in an
/// ignored subtree, or where the decoder only notes that a number is of the wrong type).
struct NumberField {
  enum class Kind : uint8_t {
    none,
    created,
    choice_index,    ///< choices[choice].index
    tool_call_index, ///< choices[choice].tool_calls[tool_call].index
    prompt_tokens,
    completion_tokens,
    total_tokens,
    reasoning_tokens,
    input_tokens,
    output_tokens,
  };
  Kind kind = Kind::none;
  uint32_t choice = 0;
  uint32_t tool_call = 0;
};

struct DecodedToolCall {
  std::optional<int64_t> index; ///< absent, null or not an int64: empty
  uint32_t position = 0;        ///< 0-based place in its tool_calls array (fallback index)
  Slot id = kNoSlot;
  Slot type = kNoSlot;
  Slot name = kNoSlot;      ///< function.name
  Slot arguments = kNoSlot; ///< function.arguments
};

struct DecodedChoice {
  std::optional<int64_t> index; ///< absent, null or not an int64: empty (means 0)
  Slot role = kNoSlot;
  Slot content = kNoSlot;
  Slot reasoning_content = kNoSlot;
  Slot reasoning = kNoSlot;
  Slot refusal = kNoSlot;
  Slot finish_reason = kNoSlot;
  /// "delta" held an object (the last occurrence when the key repeats): the chunk has a delta for
  /// this choice, even an empty one. Key presence and container type are part of the shape.
  bool has_delta = false;
  std::vector<DecodedToolCall> tool_calls; ///< in payload order
};

/// What the top-level "usage" key held (the last occurrence when the key repeats).
enum class UsageState : uint8_t { absent, null, object };

struct DecodedChunk {
  Slot id = kNoSlot;     ///< top-level "id"; a value that is not a string reads as absent
  Slot model = kNoSlot;  ///< top-level "model", likewise
  Slot object = kNoSlot; ///< top-level "object", likewise
  std::optional<int64_t> created; ///< top-level "created" when it is an int64
  std::vector<DecodedChoice> choices; ///< in payload order
  UsageState usage_state = UsageState::absent;
  Usage usage; ///< normalised counters; meaningful when usage_state == object
  /// usage.input_tokens / usage.output_tokens, the Responses-style names some chat producers send
  /// beside prompt_tokens / completion_tokens; only compared with those, never merged.
  std::optional<int64_t> input_tokens;
  std::optional<int64_t> output_tokens;
  /// Integers anywhere in the payload (ignored subtrees included) whose magnitude exceeds 2^53, and
  /// the first one's text. Numbers are part of the shape, so a memoised chunk repeats them exactly.
  uint32_t big_integers = 0;
  std::string first_big_integer;
  /// Message of a non-null top-level "error" (see chunk_reader.hpp); such chunks are never memoised.
  std::optional<std::string> error;
  /// One sentence per field whose JSON type the dialect cannot use, in payload order. They depend on
  /// the payload's shape only, so a memoised chunk repeats them faithfully.
  std::vector<std::string> type_notes;
  /// Decoded string per slot. The views belong to whoever filled them (the chunk reader or the shape
  /// memo) and are valid only until the next payload is decoded.
  std::vector<std::string_view> values;

  /// Memo bookkeeping, not payload data: it may only make merging faster, never change a decision
  /// (merge.hpp says how it is used). memo_serial names the remembered shape this chunk object
  /// serves, unique per stream (0: a full parse that was not remembered); header_as_stored says
  /// that id, model and object hold exactly the bytes of the payload that shape was stored from.
  uint64_t memo_serial = 0;
  bool header_as_stored = false;

  /// Back to the empty state, keeping capacity.
  void clear();

  /// The integer `field` names; nullptr for Kind::none, and for a choice or tool call this chunk
  /// does not hold.
  std::optional<int64_t> *integer(const NumberField &field);
};

} // namespace harness::chat

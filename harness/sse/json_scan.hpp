#pragma once
// Tells, byte by byte as data is appended, whether a buffer holds exactly one complete JSON object
// or array (surrounded by whitespace only). Structural only: it tracks bracket depth outside
// strings plus string and escape state, and does not validate. `[DONE]` is structurally a closed
// array, so it counts as complete too, which is what the tolerant parser wants.
// O(1) per byte, never rescans; used to notice where a producer forgot the blank line.
#include <cstdint>
#include <string_view>

namespace harness::sse {

class JsonCompleteness {
public:
  /// Account for the next bytes of the buffer.
  void append(std::string_view bytes);
  /// The buffer so far is one closed object/array with only whitespace around it.
  bool complete() const { return state_ == State::closed; }
  /// The buffer was emptied.
  void reset() { *this = JsonCompleteness{}; }
  /// The same scanning state (so the same answers for the same bytes appended from now on).
  bool operator==(const JsonCompleteness &) const = default;

private:
  enum class State : uint8_t {
    blank,  ///< only whitespace so far
    open,   ///< inside the top-level container
    closed, ///< the container closed; only whitespace since
    other,  ///< anything else (a scalar, text, a second value): stays so until reset()
  };
  State state_ = State::blank;
  bool in_string_ = false;
  bool escaped_ = false;
  uint64_t depth_ = 0;
};

} // namespace harness::sse

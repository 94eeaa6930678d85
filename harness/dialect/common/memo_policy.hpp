#pragma once
// What the shape memos (chat/shape_memo.hpp, common/document_memo.hpp) share besides the skeleton:
// which remembered shape to try first and which to evict (least recently used), and when not to try
// at all. Purely speed decisions: a memo's results never depend on them.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "dialect/common/memo_stats.hpp"

namespace harness::dialect {

class MemoPolicy {
public:
  /// After kMissesBeforeBackoff lookups in a row without a hit only every kProbeInterval-th payload
  /// tries the memo, until one hits again: streams whose shape never repeats would otherwise pay for
  /// lookups and stores that never hit.
  static constexpr unsigned kMissesBeforeBackoff = 16;
  static constexpr unsigned kProbeInterval = 16;

  /// `shapes` remembered shapes, indexes 0 .. shapes-1.
  explicit MemoPolicy(size_t shapes) : order_(shapes) {
    for (size_t i = 0; i < order_.size(); ++i)
      order_[i] = static_cast<uint32_t>(i);
  }

  size_t size() const { return order_.size(); }
  /// The shape at `position` in most-recently-used-first order.
  uint32_t at(size_t position) const { return order_[position]; }
  /// The position of the shape a store overwrites (the least recently used).
  size_t victim() const { return order_.size() - 1; }
  /// The shape at `position` becomes the most recently used.
  void touch(size_t position) {
    std::rotate(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(position),
                order_.begin() + static_cast<std::ptrdiff_t>(position) + 1);
  }

  /// Whether to consult the memo for the next payload (counts bypassed payloads in `stats`).
  bool worth_trying(MemoStats &stats) {
    if (miss_streak_ < kMissesBeforeBackoff)
      return true;
    if (++since_probe_ < kProbeInterval) {
      ++stats.bypassed;
      return false;
    }
    since_probe_ = 0;
    return true;
  }
  void hit(MemoStats &stats) {
    ++stats.hits;
    miss_streak_ = 0;
  }
  void miss() { ++miss_streak_; }

private:
  std::vector<uint32_t> order_; ///< indexes of shapes, most recently used first
  uint64_t miss_streak_ = 0;    ///< lookups in a row without a hit
  uint64_t since_probe_ = 0;    ///< payloads not tried since the last probe, while backing off
};

} // namespace harness::dialect

#pragma once
// Counters that show whether a shape memo (chat/shape_memo.hpp, common/document_memo.hpp) did its
// job; tests use them to prove a differential comparison really exercised the fast path, the timing
// program to explain its figures.
#include <cstdint>

namespace harness::dialect {

struct MemoStats {
  uint64_t hits = 0;         ///< payloads decoded from a remembered shape (no full parse)
  uint64_t full_parses = 0;  ///< payloads given to the full parse (memo off, miss, or bad hole)
  uint64_t stored = 0;       ///< shapes remembered after a full parse
  uint64_t parsed_holes = 0; ///< holes that needed RapidJSON (escapes, non-ASCII, non-integers)
  uint64_t bypassed = 0;     ///< payloads that skipped the memo while it backed off after misses
  bool operator==(const MemoStats &) const = default;
};

} // namespace harness::dialect

namespace harness::chat {
using dialect::MemoStats;
}

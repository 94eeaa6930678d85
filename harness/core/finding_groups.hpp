#pragma once
// Repeated findings of one rule, told once: a case whose producer left out every blank line has a
// hundred sse.blank-line-missing findings, and a reader wants "100× sse.blank-line-missing, bytes
// 282…27930" rather than a hundred lines. Groups keep the order in which each rule first occurred.
#include <cstdint>
#include <string>
#include <vector>

#include "core/finding.hpp"

namespace harness {

struct FindingGroup {
  const Finding *first = nullptr; ///< the rule's first finding (its message and severity)
  size_t count = 0;
  uint64_t first_offset = 0, last_offset = 0;
  uint64_t first_event = 0, last_event = 0;
};

/// One group per rule among `findings` (pointers into it: it must outlive the groups).
std::vector<FindingGroup> group_findings(const std::vector<const Finding *> &findings);

/// "25× sse.blank-line-missing" (just the rule for a single finding).
std::string group_label(const FindingGroup &g);

/// "byte 282" or "bytes 282…7000".
std::string group_bytes(const FindingGroup &g);

/// "event 3" or "events 0…24".
std::string group_events(const FindingGroup &g);

} // namespace harness

#include "core/finding_groups.hpp"

#include <algorithm>
#include <map>

namespace harness {

std::vector<FindingGroup> group_findings(const std::vector<const Finding *> &findings) {
  std::vector<FindingGroup> groups;
  std::map<std::string, size_t> at; // rule -> index in groups
  for (const Finding *f : findings) {
    auto [it, fresh] = at.try_emplace(f->rule, groups.size());
    if (fresh)
      groups.push_back({f, 0, f->offset, f->offset, f->event, f->event});
    FindingGroup &g = groups[it->second];
    ++g.count;
    g.first_offset = std::min(g.first_offset, f->offset);
    g.last_offset = std::max(g.last_offset, f->offset);
    g.first_event = std::min(g.first_event, f->event);
    g.last_event = std::max(g.last_event, f->event);
  }
  return groups;
}

std::string group_label(const FindingGroup &g) {
  return (g.count > 1 ? std::to_string(g.count) + "\u00d7 " : "") + g.first->rule;
}

namespace {

std::string range(const char *one, const char *many, uint64_t a, uint64_t b) {
  return a == b ? std::string(one) + " " + std::to_string(a)
                : std::string(many) + " " + std::to_string(a) + "\u2026" + std::to_string(b);
}

} // namespace

std::string group_bytes(const FindingGroup &g) {
  return range("byte", "bytes", g.first_offset, g.last_offset);
}

std::string group_events(const FindingGroup &g) {
  return range("event", "events", g.first_event, g.last_event);
}

} // namespace harness

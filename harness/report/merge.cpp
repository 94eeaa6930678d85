#include "report/merge.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace harness::report {

namespace {

struct ShardNumber {
  uint64_t k = 0, n = 0;
};

bool parse_shard(const std::string &text, ShardNumber &out) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    return false;
  const char *b = text.data(), *e = text.data() + text.size();
  auto [p, ec] = std::from_chars(b, b + slash, out.k);
  auto [q, ec2] = std::from_chars(b + slash + 1, e, out.n);
  return ec == std::errc() && ec2 == std::errc() && p == b + slash && q == e && out.k >= 1 &&
         out.k <= out.n;
}

/// A shard's totals ("11 cases x 7 implementations", lint: "11 captures") with `cases` cases.
std::string totals_of(const Run &shard, size_t cases) {
  if (shard.command == "lint")
    return std::to_string(cases) + " captures";
  const auto x = shard.totals.find(" x ");
  return std::to_string(cases) + " cases" +
         (x == std::string::npos ? "" : shard.totals.substr(x));
}

/// The known deviations unused in every shard (matched when any shard matched them), or none
/// when a shard does not list its unused ones (the run did not cover the whole corpus).
std::optional<std::vector<UnusedDeviation>> unused_in_every_shard(const std::vector<Run> &shards) {
  std::map<uint64_t, std::pair<UnusedDeviation, size_t>> seen; // entry -> it, shards unused in
  for (const auto &s : shards) {
    if (!s.unused_deviations)
      return std::nullopt;
    for (const auto &u : *s.unused_deviations) {
      auto [it, fresh] = seen.try_emplace(u.entry, u, 0);
      it->second.first.matched = it->second.first.matched || u.matched;
      ++it->second.second;
    }
  }
  std::vector<UnusedDeviation> out;
  for (const auto &[entry, unused] : seen)
    if (unused.second == shards.size())
      out.push_back(unused.first);
  return out;
}

} // namespace

Result<Run> merge_shards(std::vector<Run> shards, const std::vector<std::string> &files) {
  if (shards.empty())
    return Error{"", std::nullopt, "no reports to merge"};
  const Run &first = shards.front();
  std::map<uint64_t, size_t> by_k; // shard K -> its report
  uint64_t n = 0;
  for (size_t i = 0; i < shards.size(); ++i) {
    const Run &s = shards[i];
    ShardNumber number;
    if (!parse_shard(s.shard, number))
      return Error{files[i], std::nullopt,
                   "not a shard's report (it has no --shard K/N): nothing to merge it with"};
    if (s.command != first.command || s.invocation != first.invocation ||
        s.implementations != first.implementations || s.fail_on != first.fail_on ||
        (n && number.n != n))
      return Error{files[i], std::nullopt,
                   "is from another run than " + files[0] + " (\"" + s.command + " " +
                       s.invocation + "\", shard " + s.shard + " vs \"" + first.command + " " +
                       first.invocation + "\", shard " + first.shard + ")"};
    n = number.n;
    if (auto [it, fresh] = by_k.try_emplace(number.k, i); !fresh)
      return Error{files[i], std::nullopt,
                   "is shard " + s.shard + " again (" + files[it->second] + " is that shard too)"};
  }
  for (uint64_t k = 1; k <= n; ++k)
    if (!by_k.count(k))
      return Error{"", std::nullopt,
                   "shard " + std::to_string(k) + "/" + std::to_string(n) +
                       " is missing: give the reports of all " + std::to_string(n) + " shards"};

  Run merged;
  merged.command = first.command;
  merged.invocation = first.invocation;
  merged.implementations = first.implementations;
  merged.kinds = first.kinds;
  merged.fail_on = first.fail_on;
  merged.started = first.started;
  std::map<std::string, size_t> owner; // case id -> shard
  for (size_t i = 0; i < shards.size(); ++i) {
    Run &s = shards[i];
    merged.started = std::min(merged.started, s.started);
    merged.seconds = std::max(merged.seconds, s.seconds);
    for (auto &c : s.cases) {
      if (auto [it, fresh] = owner.try_emplace(c.id, i); !fresh)
        return Error{files[i], std::nullopt,
                     "holds case " + c.id + " which " + files[it->second] +
                         " holds too: the shards overlap"};
      merged.cases.push_back(std::move(c));
    }
    for (auto &e : s.entries)
      if (!e.case_id.empty()) // per-shard notes about the run itself do not hold for the whole
        merged.entries.push_back(std::move(e));
  }
  std::stable_sort(merged.cases.begin(), merged.cases.end(),
                   [](const CaseInfo &a, const CaseInfo &b) { return a.id < b.id; });
  std::map<std::string, size_t> rank;
  for (size_t i = 0; i < merged.cases.size(); ++i)
    rank[merged.cases[i].id] = i;
  std::stable_sort(merged.entries.begin(), merged.entries.end(),
                   [&](const Entry &a, const Entry &b) { return rank[a.case_id] < rank[b.case_id]; });
  merged.totals = totals_of(first, merged.cases.size());
  merged.unused_deviations = unused_in_every_shard(shards);
  return merged;
}

} // namespace harness::report

#pragma once
// Choosing which cases a run covers, the same way for check, lint and clients run:
//   --case GLOB   only cases whose id matches (repeatable: any of them; '*' matches '/' too)
//   --skip GLOB   not the cases whose id matches (repeatable)
//   --tag TAG     only cases with a tag matching TAG, a glob over the whole tag such as
//                 provider:xai or quirk:* (repeatable: any of them)
//   --shard K/N   the K-th of N disjoint parts (1 <= K <= N), by a hash of the case id, so a case
//                 stays in its shard whatever else is added; the N shards together are exactly
//                 the unsharded run
//   --list        print what would run and exit 0
#include <string>
#include <vector>

#include <cxxopts.hpp>

#include "core/error.hpp"
#include "corpus/case.hpp"

namespace harness::cli {

void add_selection_options(cxxopts::Options &options);

struct Selection {
  std::vector<std::string> cases, skips, tags;
  unsigned shard_k = 0, shard_n = 0; ///< 0/0: no sharding
  bool list = false;
  /// Whether --case, --skip or --tag pick cases (--shard aside).
  bool picks_cases() const { return !cases.empty() || !skips.empty() || !tags.empty(); }
  /// Whether anything narrows the run (so it does not cover the whole corpus).
  bool narrows() const { return picks_cases() || shard_n > 1; }
  std::string shard() const;         ///< "K/N", or "" without --shard
};

/// Errors: --shard not K/N with 1 <= K <= N.
Result<Selection> selection_of(const cxxopts::ParseResult &opts);

/// Whether the id (and tags) pass the selection.
bool selected(const Selection &s, const std::string &id, const std::vector<std::string> &tags);

/// The cases that pass, in their order.
std::vector<corpus::Case> select_cases(std::vector<corpus::Case> cases, const Selection &s);

/// fnmatch(3) glob match of the whole text, '*' matching '/' too.
bool glob_match(const std::string &pattern, const std::string &text);

} // namespace harness::cli

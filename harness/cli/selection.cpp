#include "cli/selection.hpp"

#include <algorithm>
#include <charconv>
#include <fnmatch.h>

namespace harness::cli {

namespace {

std::vector<std::string> strings(const cxxopts::ParseResult &opts, const char *key) {
  return opts.count(key) ? opts[key].as<std::vector<std::string>>() : std::vector<std::string>{};
}

/// FNV-1a, 64 bits: stable across builds and platforms (std::hash is not).
uint64_t stable_hash(const std::string &s) {
  uint64_t h = 14695981039346656037ull;
  for (const unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

bool parse_uint(std::string_view text, unsigned &out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

} // namespace

void add_selection_options(cxxopts::Options &options) {
  options.add_options("selection")
      ("case", "only cases whose id matches GLOB (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("skip", "leave out cases whose id matches GLOB (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("tag", "only cases with a tag matching TAG, e.g. provider:xai or quirk:* (repeatable)",
       cxxopts::value<std::vector<std::string>>())
      ("shard", "only the K-th of N parts of the cases, e.g. 2/4 (stable by case id)",
       cxxopts::value<std::string>())
      ("list", "print what would run, then exit");
}

std::string Selection::shard() const {
  return shard_n ? std::to_string(shard_k) + "/" + std::to_string(shard_n) : "";
}

Result<Selection> selection_of(const cxxopts::ParseResult &opts) {
  Selection s;
  s.cases = strings(opts, "case");
  s.skips = strings(opts, "skip");
  s.tags = strings(opts, "tag");
  s.list = opts.count("list") > 0;
  if (opts.count("shard")) {
    const auto text = opts["shard"].as<std::string>();
    const auto slash = text.find('/');
    unsigned k = 0, n = 0;
    if (slash == std::string::npos || !parse_uint(std::string_view(text).substr(0, slash), k) ||
        !parse_uint(std::string_view(text).substr(slash + 1), n) || n == 0 || k == 0 || k > n)
      return Error{"--shard", std::nullopt,
                   "takes K/N with 1 <= K <= N (e.g. 2/4), not '" + text + "'"};
    s.shard_k = k;
    s.shard_n = n;
  }
  return s;
}

bool glob_match(const std::string &pattern, const std::string &text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

bool selected(const Selection &s, const std::string &id, const std::vector<std::string> &tags) {
  auto any = [&](const std::vector<std::string> &patterns, const std::string &text) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string &p) { return glob_match(p, text); });
  };
  if (!s.cases.empty() && !any(s.cases, id))
    return false;
  if (any(s.skips, id))
    return false;
  if (!s.tags.empty() &&
      std::none_of(tags.begin(), tags.end(), [&](const std::string &t) { return any(s.tags, t); }))
    return false;
  return s.shard_n == 0 || stable_hash(id) % s.shard_n == s.shard_k - 1;
}

std::vector<corpus::Case> select_cases(std::vector<corpus::Case> cases, const Selection &s) {
  std::erase_if(cases, [&](const corpus::Case &c) { return !selected(s, c.id, c.tags); });
  return cases;
}

} // namespace harness::cli

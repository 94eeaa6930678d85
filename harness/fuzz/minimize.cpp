#include "fuzz/minimize.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fuzz/split_encoding.hpp"

namespace harness::fuzz {

namespace {

/// The predicate with its budget and memory of what was asked.
class Search {
public:
  Search(const Reproduces &reproduces, size_t max_runs)
      : reproduces_(reproduces), max_runs_(max_runs) {}

  /// True when `candidate` reproduces. A candidate asked before is not asked again (it did not
  /// reproduce, or it would be the current input, which is never a candidate); a hash collision
  /// only skips a candidate, it never accepts one.
  bool ask(const std::string &candidate) {
    if (!tried_.insert(std::hash<std::string>{}(candidate)).second)
      return false;
    if (runs_ >= max_runs_) {
      exhausted_ = true;
      return false;
    }
    ++runs_;
    return reproduces_(candidate);
  }
  bool exhausted() const { return exhausted_; }
  size_t runs() const { return runs_; }

private:
  const Reproduces &reproduces_;
  size_t max_runs_;
  size_t runs_ = 0;
  bool exhausted_ = false;
  std::unordered_set<size_t> tried_;
};

/// The input that feeds `stream` by `lengths`: the plain stream when no lengths are needed (and
/// the stream does not itself start with the magic, which would make it read as encoded).
std::string compose(const std::vector<uint16_t> &lengths, std::string_view stream) {
  if (lengths.empty() && !stream.starts_with(kSplitMagic))
    return std::string(stream);
  return encode_split(lengths, stream);
}

template <class T> std::vector<T> without(const std::vector<T> &items, size_t at, size_t count) {
  std::vector<T> out;
  out.reserve(items.size());
  out.insert(out.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(at));
  const size_t end = std::min(items.size(), at + count);
  out.insert(out.end(), items.begin() + static_cast<std::ptrdiff_t>(end), items.end());
  return out;
}

/// Removes chunks of consecutive items, chunk size halving from half the list down to 1, keeping
/// each removal after which `accept(fewer)` holds. True when anything was removed.
template <class T, class Accept>
bool remove_chunks(std::vector<T> &items, Accept accept, const Search &search) {
  bool progress = false;
  for (size_t size = std::max<size_t>(items.size() / 2, 1);; size /= 2) {
    for (size_t at = 0; at < items.size() && !search.exhausted();) {
      std::vector<T> fewer = without(items, at, size);
      if (accept(fewer)) {
        items = std::move(fewer);
        progress = true;
      } else {
        at += size;
      }
    }
    if (size <= 1 || search.exhausted())
      return progress;
  }
}

/// Length of the line ending at `at` ("\n", "\r\n", "\r"), 0 when none starts there.
size_t line_end_length(std::string_view s, size_t at) {
  if (s[at] == '\n')
    return 1;
  if (s[at] == '\r')
    return at + 1 < s.size() && s[at + 1] == '\n' ? 2 : 1;
  return 0;
}

/// The stream as lines, each with its line end (the last may have none).
std::vector<std::string> lines_of(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    if (const size_t n = line_end_length(s, i)) {
      out.emplace_back(s.substr(start, i + n - start));
      i = start = i + n;
    } else {
      ++i;
    }
  }
  if (start < s.size())
    out.emplace_back(s.substr(start));
  return out;
}

/// The stream as events: runs of lines, each ended by a blank line (the last may have none).
std::vector<std::string> events_of(std::string_view s) {
  std::vector<std::string> out;
  std::string block;
  for (std::string &line : lines_of(s)) {
    const bool blank = line_end_length(line, 0) == line.size();
    block += line;
    if (blank) {
      out.push_back(std::move(block));
      block.clear();
    }
  }
  if (!block.empty())
    out.push_back(std::move(block));
  return out;
}

std::vector<std::string> bytes_of(std::string_view s) {
  std::vector<std::string> out;
  out.reserve(s.size());
  for (char c : s)
    out.emplace_back(1, c);
  return out;
}

std::string joined(const std::vector<std::string> &parts) {
  std::string out;
  for (const auto &p : parts)
    out += p;
  return out;
}

} // namespace

Minimized minimize(std::string_view input, const Reproduces &reproduces, size_t max_runs) {
  Search search(reproduces, max_runs);
  const SplitInput decoded = decode_split(input);
  std::vector<uint16_t> lengths = decoded.lengths;
  std::string stream(decoded.stream);
  std::string current(input);

  auto try_input = [&](const std::vector<uint16_t> &l, const std::string &s) {
    if (s.empty())
      return false; // a case needs bytes
    std::string candidate = compose(l, s);
    if (candidate.size() >= current.size() || !search.ask(candidate))
      return false;
    lengths = l;
    stream = s;
    current = std::move(candidate);
    return true;
  };
  // Whole feeds removed, bytes and length together, so that the other feeds keep their
  // boundaries (removing stream bytes alone shifts every later boundary). Works on the lengths
  // unrolled: one per feed, no cycling, the same feeds — when they fit the header.
  auto feeds_pass = [&] {
    std::vector<uint16_t> unrolled;
    std::vector<std::string> feeds;
    bool fits = true;
    for_each_feed(SplitInput{true, stream, lengths}, [&](std::string_view f) {
      fits = fits && f.size() <= UINT16_MAX; // the rest fed whole after a cycle of zeros
      unrolled.push_back(static_cast<uint16_t>(f.size()));
      feeds.emplace_back(f);
    });
    if (!fits || unrolled.size() > kMaxSplitLengths)
      return;
    std::vector<size_t> order(feeds.size());
    for (size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    remove_chunks(
        order,
        [&](const std::vector<size_t> &kept) {
          std::vector<uint16_t> l;
          std::string s;
          for (size_t i : kept) {
            l.push_back(unrolled[i]);
            s += feeds[i];
          }
          return try_input(l, s);
        },
        search);
  };
  auto stream_pass = [&](std::vector<std::string> units) {
    remove_chunks(
        units, [&](const std::vector<std::string> &fewer) { return try_input(lengths, joined(fewer)); },
        search);
  };

  // A plain copy of an encoded input without lengths is the first thing worth trying too.
  try_input(lengths, stream);
  for (size_t before = current.size() + 1; current.size() < before && !search.exhausted();) {
    before = current.size();
    if (!lengths.empty() && !try_input({}, stream)) {
      remove_chunks(
          lengths, [&](const std::vector<uint16_t> &fewer) { return try_input(fewer, stream); },
          search);
      feeds_pass();
    }
    stream_pass(events_of(stream));
    stream_pass(lines_of(stream));
    stream_pass(bytes_of(stream));
  }
  return Minimized{std::move(current), search.runs(), search.exhausted()};
}

} // namespace harness::fuzz

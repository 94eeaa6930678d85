#include "corpus/bless_diff.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace harness::corpus {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t lf = text.find('\n', at);
    size_t end = lf == std::string_view::npos ? text.size() : lf;
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return lines;
}

struct Op {
  char kind;    ///< ' ', '-' or '+'
  size_t old_i; ///< line index in the old text (for ' ' and '-')
  size_t new_i; ///< line index in the new text (for ' ' and '+')
};

/// Edit script turning a[lo_a, hi_a) into b[lo_b, hi_b) through a longest common subsequence.
void middle_ops(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b,
                size_t lo_a, size_t hi_a, size_t lo_b, size_t hi_b, std::vector<Op> &ops) {
  const size_t n = hi_a - lo_a, m = hi_b - lo_b;
  constexpr uint64_t kMaxCells = 16u << 20;
  if (n == 0 || m == 0 || static_cast<uint64_t>(n + 1) * (m + 1) > kMaxCells) {
    for (size_t i = 0; i < n; ++i)
      ops.push_back({'-', lo_a + i, lo_b});
    for (size_t j = 0; j < m; ++j)
      ops.push_back({'+', hi_a, lo_b + j});
    return;
  }
  // len[i][j] = LCS length of a[lo_a+i..hi_a) and b[lo_b+j..hi_b).
  std::vector<uint32_t> len((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint32_t & { return len[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      at(i, j) = a[lo_a + i] == b[lo_b + j] ? at(i + 1, j + 1) + 1
                                            : std::max(at(i + 1, j), at(i, j + 1));
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[lo_a + i] == b[lo_b + j]) {
      ops.push_back({' ', lo_a + i, lo_b + j});
      ++i;
      ++j;
    } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
      ops.push_back({'-', lo_a + i, lo_b + j});
      ++i;
    } else {
      ops.push_back({'+', lo_a + i, lo_b + j});
      ++j;
    }
  }
}

} // namespace

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const std::string &old_label, const std::string &new_label,
                         size_t context) {
  if (old_text == new_text)
    return {};
  const auto a = split_lines(old_text);
  const auto b = split_lines(new_text);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head])
    ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
    ++tail;

  std::vector<Op> ops;
  for (size_t i = 0; i < head; ++i)
    ops.push_back({' ', i, i});
  middle_ops(a, b, head, a.size() - tail, head, b.size() - tail, ops);
  for (size_t k = 0; k < tail; ++k)
    ops.push_back({' ', a.size() - tail + k, b.size() - tail + k});

  std::string out = "--- " + old_label + "\n+++ " + new_label + "\n";
  size_t k = 0;
  while (k < ops.size()) {
    // Find the next change, then extend the hunk while changes are within 2*context lines.
    size_t first = k;
    while (first < ops.size() && ops[first].kind == ' ')
      ++first;
    if (first == ops.size())
      break;
    size_t begin = first > context ? first - context : 0;
    begin = std::max(begin, k);
    size_t last = first; // one past the last change in this hunk
    size_t scan = first;
    while (scan < ops.size()) {
      if (ops[scan].kind != ' ') {
        last = scan + 1;
        ++scan;
        continue;
      }
      size_t run = scan;
      while (run < ops.size() && ops[run].kind == ' ')
        ++run;
      if (run == ops.size() || run - scan > 2 * context)
        break;
      scan = run;
    }
    const size_t end = std::min(ops.size(), last + context);

    size_t old_start = 0, new_start = 0, old_count = 0, new_count = 0;
    bool have_old = false, have_new = false;
    for (size_t x = begin; x < end; ++x) {
      if (ops[x].kind != '+') {
        if (!have_old)
          old_start = ops[x].old_i, have_old = true;
        ++old_count;
      }
      if (ops[x].kind != '-') {
        if (!have_new)
          new_start = ops[x].new_i, have_new = true;
        ++new_count;
      }
    }
    // Unified diff numbers lines from 1; an empty side names the line before it.
    if (!have_old)
      old_start = ops[begin].old_i;
    if (!have_new)
      new_start = ops[begin].new_i;
    out += "@@ -" + std::to_string(old_count ? old_start + 1 : old_start) + "," +
           std::to_string(old_count) + " +" + std::to_string(new_count ? new_start + 1 : new_start) +
           "," + std::to_string(new_count) + " @@\n";
    for (size_t x = begin; x < end; ++x) {
      const std::string_view line = ops[x].kind == '+' ? b[ops[x].new_i] : a[ops[x].old_i];
      out += ops[x].kind;
      out += line;
      out += '\n';
    }
    k = end;
  }
  return out;
}

} // namespace harness::corpus

#include "sse/line_scanner.hpp"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace harness::sse {

namespace {

/// First CR or LF in [p, end), or end. Sets `high` when a byte >= 0x80 precedes it, so that UTF-8
/// checking runs only on lines that need it. SSE2 (part of x86-64) looks at 64 bytes per step: a
/// cheap filter for bytes <= 0x0D (rare in JSON text) first, the exact CR/LF test only on a hit;
/// the high bits come for free from the same loads.
const char *find_cr_or_lf(const char *p, const char *end, bool &high) {
  unsigned hi = 0;
#ifdef __SSE2__
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  auto load = [](const char *at) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at)); };
  auto line_end = [&](__m128i v) {
    return _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
  };
  auto at_most_cr = [&](__m128i v) { return _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v); };
  auto mask = [](__m128i v) { return static_cast<uint64_t>(_mm_movemask_epi8(v)); };
  while (end - p >= 64) {
    const __m128i v0 = load(p), v1 = load(p + 16), v2 = load(p + 32), v3 = load(p + 48);
    const __m128i low = _mm_or_si128(_mm_or_si128(at_most_cr(v0), at_most_cr(v1)),
                                     _mm_or_si128(at_most_cr(v2), at_most_cr(v3)));
    if (_mm_movemask_epi8(low) != 0) {
      const uint64_t ends = mask(line_end(v0)) | mask(line_end(v1)) << 16 |
                            mask(line_end(v2)) << 32 | mask(line_end(v3)) << 48;
      if (ends != 0) {
        const uint64_t highs = mask(v0) | mask(v1) << 16 | mask(v2) << 32 | mask(v3) << 48;
        const unsigned i = static_cast<unsigned>(__builtin_ctzll(ends));
        high = high || hi != 0 || (highs & ((uint64_t{1} << i) - 1u)) != 0;
        return p + i;
      }
    }
    hi |= static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v0, v1), _mm_or_si128(v2, v3))));
    p += 64;
  }
  while (end - p >= 16) {
    const __m128i v = load(p);
    const unsigned ends = static_cast<unsigned>(_mm_movemask_epi8(line_end(v)));
    const unsigned highs = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (ends != 0) {
      const unsigned i = static_cast<unsigned>(__builtin_ctz(ends));
      hi |= highs & ((1u << i) - 1u);
      high = high || hi != 0;
      return p + i;
    }
    hi |= highs;
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\n' || c == '\r')
      break;
    hi |= c & 0x80u;
  }
  high = high || hi != 0;
  return p;
}

} // namespace

void LineScanner::begin_feed(std::string_view bytes) {
  if (begin_ != nullptr)
    feed_offset_ += static_cast<uint64_t>(end_ - begin_);
  begin_ = bytes.data();
  pos_ = begin_;
  end_ = begin_ + bytes.size();
  if (begin_ == nullptr) {
    // An empty view may carry no pointer; keep the offset arithmetic well defined.
    static const char none = 0;
    begin_ = pos_ = end_ = &none;
  }
}

bool LineScanner::next(Line &line) {
  if (carry_handed_out_) {
    carry_.clear();
    carry_high_ = false;
    carry_handed_out_ = false;
  }
  publish_bare_cr();
  if (pos_ == end_)
    return false;
  if (skip_lf_) {
    skip_lf_ = false;
    if (*pos_ != '\n') {
      // The line this CR ended was handed out by an earlier call: visible at once.
      if (bare_cr_found_ == kNoBareCr)
        bare_cr_found_ = skip_lf_cr_;
      publish_bare_cr();
    } else if (++pos_ == end_) {
      return false;
    }
  }
  const char *start = pos_;
  bool high = false;
  const char *stop;
  if (ends_ == LineEnds::cr_lf_crlf) {
    stop = find_cr_or_lf(start, end_, high);
  } else {
    const void *lf = std::memchr(start, '\n', static_cast<size_t>(end_ - start));
    stop = lf != nullptr ? static_cast<const char *>(lf) : end_;
  }
  const uint64_t start_offset = feed_offset_ + static_cast<uint64_t>(start - begin_);
  const size_t length = static_cast<size_t>(stop - start);

  if (stop == end_) {
    // No line end in the rest of this slice: carry the partial line. The carry is never rescanned.
    if (carry_.empty())
      carry_offset_ = start_offset;
    carry_.append(start, length);
    carry_high_ = carry_high_ || high;
    pos_ = end_;
    return false;
  }

  if (!carry_.empty()) {
    carry_.append(start, length);
    line = Line{carry_, carry_offset_, carry_high_ || high, false};
    carry_handed_out_ = true;
  } else {
    line = Line{std::string_view(start, length), start_offset, high, true};
  }

  pos_ = stop + 1;
  if (*stop == '\r') {
    if (pos_ == end_) {
      skip_lf_ = true;
      skip_lf_cr_ = feed_offset_ + static_cast<uint64_t>(stop - begin_);
    } else if (*pos_ == '\n') {
      ++pos_;
    } else if (bare_cr_found_ == kNoBareCr) {
      bare_cr_found_ = feed_offset_ + static_cast<uint64_t>(stop - begin_);
    }
  }
  return true;
}

bool LineScanner::take_tail(Line &line) {
  if (carry_handed_out_) {
    carry_.clear();
    carry_high_ = false;
    carry_handed_out_ = false;
  }
  if (skip_lf_) { // the stream ended right after a CR: no LF can follow
    skip_lf_ = false;
    if (bare_cr_found_ == kNoBareCr)
      bare_cr_found_ = skip_lf_cr_;
  }
  publish_bare_cr();
  if (carry_.empty())
    return false;
  line = Line{carry_, carry_offset_, carry_high_, false};
  carry_handed_out_ = true;
  return true;
}

void LineScanner::copy_state(const LineScanner &other) {
  ends_ = other.ends_;
  feed_offset_ = other.consumed();
  begin_ = pos_ = end_ = nullptr; // no feed yet: begin_feed() adds nothing to feed_offset_
  skip_lf_ = other.skip_lf_;
  skip_lf_cr_ = other.skip_lf_cr_;
  bare_cr_ = other.bare_cr_;
  bare_cr_found_ = other.bare_cr_found_;
  carry_.assign(other.carried());
  carry_offset_ = other.carry_offset_;
  carry_high_ = !carry_.empty() && other.carry_high_;
  carry_handed_out_ = false;
}

bool LineScanner::same_state(const LineScanner &other) const {
  const std::string_view carry = carried();
  // The carry's offset and high flag mean something only while there is a carry; the CR offset
  // only while a LF may still pair with it.
  return ends_ == other.ends_ && consumed() == other.consumed() && skip_lf_ == other.skip_lf_ &&
         (!skip_lf_ || skip_lf_cr_ == other.skip_lf_cr_) && bare_cr_ == other.bare_cr_ &&
         bare_cr_found_ == other.bare_cr_found_ && carry == other.carried() &&
         (carry.empty() ||
          (carry_offset_ == other.carry_offset_ && carry_high_ == other.carry_high_));
}

} // namespace harness::sse

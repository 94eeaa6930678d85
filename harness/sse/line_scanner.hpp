#pragma once
// Cuts a byte stream, fed in slices of any size, into lines. This is the framing hot loop shared by
// every parser: it hands out views into the caller's feed whenever a line lies wholly inside it,
// and copies only a line that spans feeds (into its own carry buffer). Each byte is scanned once,
// also when a long line arrives one byte per feed, so framing stays linear in the stream length.
#include <cstdint>
#include <string>
#include <string_view>

namespace harness::sse {

enum class LineEnds {
  cr_lf_crlf, ///< WHATWG: CR, LF and CRLF each end a line; CRLF is one line end even across feeds
  lf_only,    ///< LF alone ends a line; a CR stays in the line's text
};

struct Line {
  std::string_view text; ///< the line without its line end
  uint64_t offset = 0;   ///< stream offset of the line's first byte
  /// The line holds a byte >= 0x80, so UTF-8 checking is needed. Computed only with
  /// LineEnds::cr_lf_crlf (false otherwise).
  bool high = false;
  /// true: `text` points into the slice given to begin_feed() and stays valid until that slice
  /// dies (the end of the parser's feed()). false: it points into the scanner's carry buffer and
  /// stays valid only until the next call to next() or take_tail().
  bool in_feed = false;
};

class LineScanner {
public:
  explicit LineScanner(LineEnds ends) : ends_(ends) {}

  /// Starts scanning `bytes`, the next slice of the stream; the scanner keeps a view of it until
  /// next() returns false, so the slice must outlive that loop.
  void begin_feed(std::string_view bytes);

  /// The next complete line of the current slice: true and `line` set, or false when the slice is
  /// used up (a trailing partial line is then carried into the next slice).
  bool next(Line &line);

  /// End of stream: the partial last line (bytes after the last line end), if there is one.
  /// Returns false when the stream ended with a line end or was empty.
  bool take_tail(Line &line);

  /// LineEnds::cr_lf_crlf only: the stream offset of the first CR that is a line end by itself (not
  /// followed by LF), once it is known; kNoBareCr before. Whether a CR is bare can depend on the
  /// next feed, so to be the same under every split, a bare CR becomes visible only with the call to
  /// next() or take_tail() after the one that returned the line it ends: a parser that checks right
  /// after each of those calls learns it after processing that line and before the next one.
  uint64_t first_bare_cr() const { return bare_cr_; }
  static constexpr uint64_t kNoBareCr = UINT64_MAX;

  /// Between feeds (see Parser::copy_state): becomes an exact copy of `other`'s logical state, the
  /// carried partial line included; no view of `other`'s past feed is kept.
  void copy_state(const LineScanner &other);
  /// Between feeds: the same line ends, stream offset, carried partial line (bytes, offset, high
  /// flag), CR awaiting its LF and bare-CR state (found and visible).
  bool same_state(const LineScanner &other) const;

private:
  /// The stream offset of the next byte to be fed.
  uint64_t consumed() const { return feed_offset_ + static_cast<uint64_t>(end_ - begin_); }
  /// The partial line carried into the next feed (a carry already handed out as a line is gone).
  std::string_view carried() const {
    return carry_handed_out_ ? std::string_view() : std::string_view(carry_);
  }

  /// Makes a bare CR found while handing out the previous line visible (see first_bare_cr()).
  void publish_bare_cr() {
    if (bare_cr_ == kNoBareCr)
      bare_cr_ = bare_cr_found_;
  }

  LineEnds ends_;
  const char *pos_ = nullptr;
  const char *end_ = nullptr;
  const char *begin_ = nullptr;
  uint64_t feed_offset_ = 0;  ///< stream offset of *begin_
  bool skip_lf_ = false;      ///< the last slice ended in CR: a LF opening the next one is its pair
  uint64_t skip_lf_cr_ = 0;   ///< stream offset of that CR
  uint64_t bare_cr_ = kNoBareCr;       ///< first bare CR, visible
  uint64_t bare_cr_found_ = kNoBareCr; ///< first bare CR, found but not yet visible
  std::string carry_;         ///< the partial line carried over from earlier slices
  uint64_t carry_offset_ = 0; ///< stream offset of carry_[0]
  bool carry_high_ = false;
  bool carry_handed_out_ = false; ///< carry_ was handed out as a line; clear it on the next call
};

} // namespace harness::sse

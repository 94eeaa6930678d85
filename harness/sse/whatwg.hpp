#pragma once
// `whatwg`: exactly the WHATWG HTML "event stream interpretation" (server-sent events), what
// browsers' EventSource and eventsource-parser implement. It is the reference the other parsers are
// compared against, so it repairs nothing; its findings are diagnostics only and never change the
// events.
//
// Findings (event = the index the next dispatched event will get):
//   sse.bom                 info     offset 0: the one leading UTF-8 BOM was stripped
//   sse.bom-mid-stream      error    a BOM at the start of any other line (a second one right after
//                                    the leading BOM included); not stripped, so the line is also
//                                    sse.ignored-line; offset = line start
//   sse.ignored-line        info     a field line whose name is not data/event/id/retry; offset =
//                                    line start
//   sse.comment             info     every comment line; offset = its ':'
//   sse.no-space-after-colon info    once per stream: the first data line whose non-empty value
//                                    follows the colon directly; offset = the value's first byte
//   sse.cr-line-ends        warning  once per stream: the first CR that ends a line by itself (a
//                                    CR and a LF in different feeds are one CRLF); offset = the CR;
//                                    reported after the line it ends was processed
//   sse.invalid-utf8        error    a line (any line, comments too) needed U+FFFD; offset = its
//                                    first ill-formed byte; once per line
//   sse.unterminated-event  warning  end of stream discarded pending data, or an incomplete last
//                                    line that was a data line; offset = that block's start (the
//                                    line's start when it opened no block). Nothing else lost
//                                    (e.g. a trailing comment without line end): no finding.
//                                    An incomplete last line is no line: only this rule looks at it.
// The event offset is the start of the block's first data/event/id/retry line; comments, blank
// and ignored lines before it do not count. data_offset is the first data line's value start.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "sse/event_builder.hpp"
#include "sse/line_scanner.hpp"
#include "sse/line_steps.hpp"
#include "sse/parser.hpp"

namespace harness::sse {

class WhatwgParser final : public Parser {
public:
  explicit WhatwgParser(EventSink &sink);
  void feed(std::string_view bytes) override;
  /// Discards the pending event and any incomplete last line. Call once; feed nothing after.
  void finish() override;
  bool copy_state(const Parser &other) override;
  bool same_state(const Parser &other) const override;

  /// The last valid `retry` value (reconnection time in ms), if any; kept only so it can be
  /// checked.
  std::optional<uint64_t> retry() const { return retry_; }

private:
  void on_line(const Line &line);

  LineScanner scanner_{LineEnds::cr_lf_crlf};
  EventBuilder builder_;
  std::string scratch_; ///< a value with U+FFFD repairs
  std::optional<uint64_t> retry_;
  OnceNotes notes_;
};

std::unique_ptr<Parser> make_whatwg_parser(EventSink &sink);

} // namespace harness::sse

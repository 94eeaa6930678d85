#pragma once
// `tolerant`: the WHATWG rules plus repairs of what real producers get wrong, each reported as a
// finding at the byte where it was made. It answers "what did the producer mean?" while the
// findings say what a standard client would have lost.
//
// Findings (event = the index the next dispatched event will get; so a repair that cuts an event
// off is reported with that event's index):
//   sse.bom                 info   offset 0: the leading UTF-8 BOM was stripped
//   sse.bom-mid-stream      error  a BOM at the start of any other line (one per line, also a
//                                  second one right after the leading BOM), stripped; openai-node
//                                  does the same
//   sse.invalid-utf8        error  first ill-formed byte of a line; U+FFFD substituted; once a line
//   sse.blank-line-missing  error  a `data`/`event` line arrived while the pending data already was
//                                  one complete JSON object/array (or `[DONE]`): the pending event
//                                  is dispatched first. Offset = start of the new line.
//   sse.payload-on-next-line error right after a bare `data:` (empty value, first data line of the
//                                  event) a line starting with `{` or `[` became that data line's
//                                  value. Offset = start of that line. "Right after" is strict:
//                                  a comment in between ends the chance.
//   sse.unterminated-event  error  end of stream: the pending event (after processing an
//                                  incomplete last line) is dispatched instead of discarded;
//                                  offset = that block's start
//   sse.ignored-line        info   a field line it still ignores (name not data/event/id/retry)
//   sse.comment, sse.no-space-after-colon, sse.cr-line-ends   exactly as whatwg reports them
//                                  (line_steps.hpp), plus a comment on an incomplete last line,
//                                  which tolerant processes as a line. The payload a bare `data:`
//                                  gets from the next line is no `data:` line: no
//                                  sse.no-space-after-colon for it.
#include <memory>

#include "sse/event_builder.hpp"
#include "sse/json_scan.hpp"
#include "sse/line_scanner.hpp"
#include "sse/line_steps.hpp"
#include "sse/parser.hpp"

namespace harness::sse {

class TolerantParser final : public Parser {
public:
  explicit TolerantParser(EventSink &sink);
  void feed(std::string_view bytes) override;
  /// Processes an incomplete last line and dispatches the pending event. Call once.
  void finish() override;
  bool copy_state(const Parser &other) override;
  bool same_state(const Parser &other) const override;

private:
  void on_line(const Line &line);
  bool pending_data_complete();
  void dispatch();

  LineScanner scanner_{LineEnds::cr_lf_crlf};
  EventBuilder builder_;
  /// Over the pending data buffer as WHATWG builds it (each line followed by LF). Caught up only
  /// when a line needs the answer, from where it stopped: each data byte is scanned at most once,
  /// and well-formed streams (blank line after each event) never pay for it.
  JsonCompleteness json_;
  size_t json_scanned_ = 0; ///< bytes of builder_.data() plus the virtual final LF already seen
  bool after_bare_data_ = false; ///< the previous line was a bare `data:` opening the event's data
  std::string scratch_;
  OnceNotes notes_;
};

std::unique_ptr<Parser> make_tolerant_parser(EventSink &sink);

} // namespace harness::sse

#pragma once
// The SSE parser of a client SDK: its own line splitting and its own rule for when a block becomes
// an event, configured per SDK by LineRules. It dispatches an event exactly where the SDK's decoder
// yields one, carrying the data the SDK's event carries; what the SDK then does with that event
// (the [DONE] test, JSON, reassembly) is the profile decoder's business.
//
// Event fields, as the profile decoders read them (they differ from the WHATWG parsers on purpose):
//   type         the value of the block's last `event:` line; EMPTY when the block had none or an
//                empty one. `event: message` stays "message": openai-node routes an event with a
//                type differently from one without (openai-node's `event:` with an empty value is
//                reported like no line, although node would treat it as a type; not modelled).
//   data         what the SDK's event carries: data lines joined by LF (python, node), or every
//   data
//                line followed by LF (go); decoded text for node (BOM stripped and U+FFFD repair
//                per line), the raw bytes otherwise.
//   id           python: the last event id in force; "" for the others (they ignore `id:`).
//   offset       the first byte of the first field line of the block (of the blank line for an
//                event openai-python dispatches from a remembered id alone).
//   data_offset  the first byte of the first data value; `offset` when the block had no data.
//   retry        python: the block's last accepted `retry:` value as int() reads it ("-5",
//                "1_000" -> "1000"); empty for the others and when there was none.
// Findings: none, except when the SDK's own decoding raises: openai-python decodes every line
// strictly as UTF-8, so an ill-formed byte gives one sse.invalid-utf8 whose message is the
// exception text, after which the parser stops (the client's iteration ended there).
// Results never depend on how the bytes are split (the line scanner carries partial lines).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sse/line_scanner.hpp"
#include "sse/parser.hpp"

namespace harness::profiles {

struct LineRules {
  /// cr_lf_crlf: CR, LF and CRLF end a line. lf_only: only LF does (see drop_cr_before_lf).
  sse::LineEnds ends = sse::LineEnds::cr_lf_crlf;
  /// With lf_only: one CR before the LF (or at the end of the body) is dropped, so CRLF also ends
  /// a line but a bare CR stays inside the line (Go's bufio.ScanLines).
  bool drop_cr_before_lf = false;

  enum class Text {
    strict_utf8,      ///< bytes kept; an ill-formed line raises (Python bytes.decode("utf-8"))
    replace_per_line, ///< each line decoded alone: a leading BOM stripped, U+FFFD for ill-formed
                      ///< bytes (a TextDecoder called once per line, without {stream: true})
    raw,              ///< bytes kept as they are (Go)
  };
  Text text = Text::raw;

  enum class Dispatch {
    any_field,     ///< a blank line dispatches when an event type, a data line, a (remembered) id
                   ///< or a retry was seen (openai-python SSEDecoder.decode)
    event_or_data, ///< when a non-empty event type or a data line was seen (openai-node)
    data_only,     ///< only when a data line was seen (openai-go)
  };
  Dispatch dispatch = Dispatch::data_only;

  /// `id:` (kept across events, ignored when it holds NUL) and `retry:` (a value Python's int()
  /// accepts) are fields; otherwise they are ignored like any unknown field.
  bool id_and_retry = false;
  /// Every data line is followed by LF in the event's data (Go appends '\n' after each value)
  /// instead of the lines being joined by LF.
  bool newline_after_each_data_line = false;
  /// At the end of the body the pending block is dispatched as if a blank line followed it
  /// (openai-node 7's SSEDecoder.flush()); otherwise an unterminated last event is dropped.
  bool dispatch_at_end = false;

  bool operator==(const LineRules &) const = default;
};

class SdkLineParser final : public sse::Parser {
public:
  SdkLineParser(sse::EventSink &sink, const LineRules &rules);
  void feed(std::string_view bytes) override;
  /// End of body: the partial last line is processed as a field line; the pending block is
  /// dispatched only with LineRules::dispatch_at_end.
  void finish() override;
  bool copy_state(const sse::Parser &other) override;
  bool same_state(const sse::Parser &other) const override;

private:
  void on_line(std::string_view text, uint64_t offset);
  void on_blank_line(uint64_t offset);
  void mark_block(uint64_t offset);

  sse::EventSink &sink_;
  LineRules rules_;
  sse::LineScanner scanner_;
  bool stopped_ = false; ///< the SDK raised while decoding a line; nothing more is read
  std::string decoded_;  ///< scratch: a line after per-line decoding

  // The block being read.
  bool block_started_ = false;
  uint64_t block_offset_ = 0;
  uint64_t data_offset_ = 0;
  uint64_t data_lines_ = 0;
  std::string data_;
  std::string type_;
  std::string retry_; ///< the block's accepted retry, as Python's int() reads it; empty: none
  // Across blocks.
  std::string last_id_;
  uint64_t index_ = 0;
};

/// Factory helper for a profile's ParserFactory: a parser with `rules`, which must outlive it.
std::unique_ptr<sse::Parser> make_sdk_line_parser(sse::EventSink &sink, const LineRules &rules);

/// Whether Python's int() accepts `value` (ASCII subset: surrounding whitespace, an optional sign,
/// digits with single underscores between them). openai-python keeps `retry:` only then.
bool python_int_accepts(std::string_view value);
/// The decimal text of int(value) for a value python_int_accepts: no sign unless negative, no
/// underscores or leading zeros ("-0" is "0").
std::string python_int_text(std::string_view value);

/// When `line` is not valid UTF-8: the text of the UnicodeDecodeError CPython raises for
/// line.decode("utf-8") ("'utf-8' codec can't decode byte 0xff in position 3: invalid start
/// byte") and the position of the first ill-formed byte. `ok` is true for a valid line.
struct PythonUtf8Check {
  bool ok = true;
  size_t position = 0;
  std::string message;
};
PythonUtf8Check python_utf8_check(std::string_view line);

} // namespace harness::profiles

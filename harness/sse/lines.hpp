#pragma once
// `lines`: what most hand-written clients do (`for line in resp.iter_lines(): if
// line.startswith("data: "): ...`). Splits on LF only and drops one trailing CR, so a bare CR is
// not a line end; keeps only lines starting with `data: ` (with the space), each one event of type
// "message" with an empty id; raw bytes, no BOM stripping or UTF-8 repair. The final line without
// LF is processed at end of stream, as Python's iter_lines does. No findings: the point is to show
// what such a client loses, compared with the other parsers.
// Event offset = the line's start, data_offset = 6 bytes later.
#include <memory>

#include "sse/line_scanner.hpp"
#include "sse/parser.hpp"

namespace harness::sse {

class LinesParser final : public Parser {
public:
  explicit LinesParser(EventSink &sink) : sink_(sink) {}
  void feed(std::string_view bytes) override;
  void finish() override;
  bool copy_state(const Parser &other) override;
  bool same_state(const Parser &other) const override;

private:
  void on_line(const Line &line);

  EventSink &sink_;
  LineScanner scanner_{LineEnds::lf_only};
  uint64_t index_ = 0;
};

std::unique_ptr<Parser> make_lines_parser(EventSink &sink);

} // namespace harness::sse

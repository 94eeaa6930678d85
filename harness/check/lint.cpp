#include "check/lint.hpp"

#include <algorithm>
#include <optional>

#include "dialect/dialect.hpp"
#include "dialect/sse/sse_level.hpp"
#include "rules/catalog.hpp"
#include "sse/parser.hpp"

namespace harness::check {

namespace {

/// Passes everything to the decoder and remembers where the first `[DONE]` payload starts.
class DoneSpotter final : public sse::EventSink {
public:
  explicit DoneSpotter(sse::EventSink &next) : next_(next) {}
  void on_event(const sse::Event &e) override {
    if (!done_at_ && e.data == "[DONE]") {
      done_at_ = e.data_offset;
      done_event_ = e.index;
    }
    next_.on_event(e);
  }
  void on_finding(Finding f) override { next_.on_finding(std::move(f)); }
  std::optional<uint64_t> done_at() const { return done_at_; }
  uint64_t done_event() const { return done_event_; }

private:
  sse::EventSink &next_;
  std::optional<uint64_t> done_at_;
  uint64_t done_event_ = 0;
};

/// sse.bytes-after-done: after the line holding `[DONE]` only line ends may follow. Events after it
/// are also done.data-after-done (the decoder's); this one names the first stray byte.
void bytes_after_done(std::string_view stream, uint64_t done_at, uint64_t done_event,
                      std::vector<Finding> &out) {
  size_t at = done_at + 6; // "[DONE]"
  for (; at < stream.size(); ++at)
    if (stream[at] != '\r' && stream[at] != '\n')
      break;
  if (at >= stream.size())
    return;
  out.push_back(rules::make_finding(
      rules::sse_bytes_after_done, at, done_event,
      std::to_string(stream.size() - at) + " bytes follow the line holding data: [DONE]"));
}

} // namespace

LintReport lint(std::string_view stream, std::string_view dialect) {
  LintReport report;
  auto decoder = dialect == dialect::kSse ? dialect::make_sse_level_decoder()
                                          : dialect::make_decoder(dialect);
  DoneSpotter spotter(*decoder);
  auto parser = sse::find_parser("tolerant")->make(spotter);
  parser->feed(stream);
  parser->finish();
  report.result = decoder->finish();
  report.findings = std::move(report.result.findings);
  report.result.findings.clear();
  if (spotter.done_at())
    bytes_after_done(stream, *spotter.done_at(), spotter.done_event(), report.findings);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding &a, const Finding &b) { return a.offset < b.offset; });
  for (const auto &f : report.findings)
    ++(f.severity == Severity::error     ? report.errors
       : f.severity == Severity::warning ? report.warnings
                                         : report.infos);
  return report;
}

} // namespace harness::check

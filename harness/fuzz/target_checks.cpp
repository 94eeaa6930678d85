#include "fuzz/target_checks.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <memory>

#include "check/lint.hpp"
#include "dialect/dialect.hpp"
#include "json/rapidjson.hpp"
#include "pipeline/split_points.hpp"
#include "pipeline/trace.hpp"
#include "report/result_json.hpp"
#include "rules/catalog.hpp"
#include "sse/utf8.hpp"

namespace harness::fuzz {

namespace {

/// `in` through a fresh parser of `make`, recorded into `trace`, and into a fresh decoder of
/// `impl` for `dialect` when `impl` is given (it must handle `dialect`): that decoder's result.
std::optional<StreamResult> replay_traced(const SplitInput &in, sse::ParserFactory make,
                                          const pipeline::Implementation *impl,
                                          std::string_view dialect, pipeline::ParserTrace &trace) {
  std::unique_ptr<dialect::Decoder> decoder = impl ? impl->make_decoder(dialect) : nullptr;
  pipeline::TraceRecorder sink(trace, decoder.get());
  auto parser = make(sink);
  for_each_feed(in, [&](std::string_view feed) { parser->feed(feed); });
  parser->finish();
  sink.finish();
  if (decoder)
    return decoder->finish();
  return std::nullopt;
}

Violation violation(std::string property, std::string detail) {
  return Violation{std::move(property), std::move(detail)};
}

using pipeline::describe;

bool valid_utf8(std::string_view s) { return sse::first_invalid_utf8(s) == std::string_view::npos; }

Verdict check_whatwg_text(const sse::Event &e) {
  if (e.type.empty())
    return violation("event-type", describe(e) + ": empty type (must be \"message\")");
  if (!valid_utf8(e.type) || !valid_utf8(e.data) || !valid_utf8(e.id))
    return violation("event-utf8", describe(e) + ": not valid UTF-8 after decoding");
  if (e.type.find_first_of("\r\n") != std::string_view::npos ||
      e.id.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos ||
      e.data.find('\r') != std::string_view::npos)
    return violation("event-line-ends", describe(e) + ": a line end inside a field value, or NUL in the id");
  return std::nullopt;
}

/// Checks every event and finding as the parser emits it (no copies of the event's views), for a
/// stream of `size` bytes under `rules`; keeps the first violation and ignores what follows.
class CheckingSink final : public sse::EventSink {
public:
  CheckingSink(uint64_t size, EventRules rules) : size_(size), rules_(rules) {}
  void on_event(const sse::Event &e) override {
    if (!verdict)
      verdict = check(e);
  }
  void on_finding(Finding f) override {
    if (!verdict)
      verdict = check(f);
  }
  Verdict verdict;

private:
  Verdict check(const Finding &f) const {
    if (f.offset > size_)
      return violation("finding-offset", describe(f) + ": beyond the stream's " +
                                             std::to_string(size_) + " bytes");
    if (rules_ == EventRules::whatwg && f.event != events_)
      return violation("finding-event", describe(f) + ": reported after " +
                                            std::to_string(events_) + " events");
    if (rules_ == EventRules::lines)
      return violation("lines-findings", describe(f) + ": the lines parser reports nothing");
    return std::nullopt;
  }
  Verdict check(const sse::Event &e) {
    if (e.index != events_)
      return violation("event-index", describe(e) + ": expected index " + std::to_string(events_));
    if (e.offset >= size_)
      return violation("event-offset", describe(e) + ": outside the stream's " +
                                           std::to_string(size_) + " bytes");
    if (e.offset < last_offset_)
      return violation("event-offset", describe(e) + ": before the previous event's offset " +
                                           std::to_string(last_offset_));
    if (e.data_offset < e.offset || e.data_offset > size_)
      return violation("event-data-offset", describe(e) + ": data offset outside [offset, " +
                                                std::to_string(size_) + "]");
    if (rules_ == EventRules::whatwg)
      if (auto v = check_whatwg_text(e))
        return v;
    if (rules_ == EventRules::lines &&
        (e.type != "message" || !e.id.empty() || e.data_offset != e.offset + 6))
      return violation("lines-event", describe(e) + ": expected type message, no id, data at +6");
    last_offset_ = e.offset;
    ++events_;
    return std::nullopt;
  }

  uint64_t size_;
  EventRules rules_;
  uint64_t events_ = 0;
  uint64_t last_offset_ = 0;
};

/// What a decoder needs checked against its result: the parser's event count and its findings
/// (copied; the events' views are not), passed on to the decoder.
class CountingSink final : public sse::EventSink {
public:
  explicit CountingSink(sse::EventSink &next) : next_(next) {}
  void on_event(const sse::Event &e) override {
    ++events;
    next_.on_event(e);
  }
  void on_finding(Finding f) override {
    findings.push_back(f);
    next_.on_finding(std::move(f));
  }
  uint64_t events = 0;
  std::vector<Finding> findings;

private:
  sse::EventSink &next_;
};

/// Notes whether a JSON text's first value is an object; accepts everything the reader passes on.
struct RootObject : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, RootObject> {
  bool first = true, object = false;
  bool Default() {
    first = false;
    return true;
  }
  bool StartObject() {
    object = object || first;
    return Default();
  }
};

/// Where `json` fails to parse as one JSON object with the harness's parse flags (UTF-8
/// validated); nothing when it parses. A reader without a document: the same verdict as parsing
/// into one, without building it.
std::optional<size_t> parse_error(std::string_view json) {
  rapidjson::MemoryStream bytes(json.data(), json.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
  rapidjson::Reader reader;
  RootObject root;
  const rapidjson::ParseResult ok = reader.Parse<json::kParseFlags>(in, root);
  if (!ok)
    return ok.Offset();
  if (!root.object)
    return 0;
  return std::nullopt;
}

/// The result's own invariants, given what the parser that produced it emitted.
Verdict check_result(const StreamResult &r, const CountingSink &parsed, uint64_t size,
                     std::string_view who, bool may_stop) {
  const std::string at = std::string(who) + ": ";
  const uint64_t events = parsed.events;
  // An SDK profile whose client raised or saw the end marker stopped iterating: it counts (and
  // keeps findings of) fewer events. The reference decoders count every event.
  // An SDK client that raised or saw the end marker also keeps no finding of a later event (a
  // client that raised on a control character in event 0 never sees event 1's invalid UTF-8).
  const bool may_have_stopped = may_stop && (r.raised || r.done);
  const bool stopped = may_have_stopped && r.events < events;
  if (!stopped && r.events != events)
    return violation("result-events", at + "result counts " + std::to_string(r.events) +
                                          " events, the parser dispatched " + std::to_string(events));
  // The parser's findings, in order, are a subsequence of the result's.
  size_t next = 0;
  for (const Finding &f : parsed.findings) {
    if (may_have_stopped && f.event >= r.events)
      continue;
    while (next < r.findings.size() && !(r.findings[next] == f))
      ++next;
    if (next == r.findings.size())
      return violation("result-findings", at + "parser " + describe(f) + " missing from the result");
    ++next;
  }
  for (const Finding &f : r.findings)
    if (f.offset > size)
      return violation("result-finding-offset", at + f.rule + " at " + std::to_string(f.offset) +
                                                    " beyond " + std::to_string(size) + " bytes");
  for (const StreamError &e : r.errors)
    if (e.offset > size || (events && e.event >= events))
      return violation("result-error", at + "error at " + std::to_string(e.offset) + " event " +
                                           std::to_string(e.event) + " outside the stream");
  for (size_t i = 1; i < r.choices.size(); ++i)
    if (r.choices[i - 1].index >= r.choices[i].index)
      return violation("result-choice-order", at + "choice " + std::to_string(r.choices[i].index) +
                                                  " after " + std::to_string(r.choices[i - 1].index));
  for (const Choice &c : r.choices)
    for (size_t i = 1; i < c.tool_calls.size(); ++i)
      if (c.tool_calls[i - 1].index >= c.tool_calls[i].index)
        return violation("result-tool-call-order",
                         at + "choice " + std::to_string(c.index) + " tool call " +
                             std::to_string(c.tool_calls[i].index) + " after " +
                             std::to_string(c.tool_calls[i - 1].index));
  const std::string json = report::to_json(r, false);
  if (const auto bad = parse_error(json))
    return violation("result-json", at + "the result document does not parse back (byte " +
                                        std::to_string(*bad) + " of " + escaped_bytes(json, 60) +
                                        ")");
  return std::nullopt;
}

} // namespace

Verdict check_parser(const SplitInput &in, sse::ParserFactory make, EventRules rules) {
  CheckingSink sink(in.stream.size(), rules);
  auto parser = make(sink);
  for_each_feed(in, [&](std::string_view feed) { parser->feed(feed); });
  parser->finish();
  return sink.verdict;
}

namespace {

/// check_replay with `decoder`, `impl`'s decoder for `dialect`, already made.
Verdict replay_into(const SplitInput &in, const pipeline::Implementation &impl,
                    std::string_view dialect, std::unique_ptr<dialect::Decoder> decoder) {
  CountingSink sink(*decoder);
  auto parser = impl.make_parser(sink);
  for_each_feed(in, [&](std::string_view feed) { parser->feed(feed); });
  parser->finish();
  return check_result(decoder->finish(), sink, in.stream.size(),
                      std::string(impl.name) + " " + std::string(dialect),
                      impl.kind == pipeline::Kind::profile);
}

} // namespace

Verdict check_replay(const SplitInput &in, const pipeline::Implementation &impl,
                     std::string_view dialect) {
  return replay_into(in, impl, dialect, impl.make_decoder(dialect));
}

Verdict check_pipeline(const SplitInput &in) {
  const std::string_view dialect = dialect::detect_dialect(in.stream);
  if (!dialect::is_dialect(dialect))
    return violation("detect-dialect",
                     "detected \"" + escaped_bytes(dialect, 80) + "\", no dialect");
  for (const auto &impl : pipeline::implementations()) {
    auto decoder = impl.make_decoder(dialect); // nullptr: impl does not handle the dialect
    if (!decoder)
      continue;
    if (auto v = replay_into(in, impl, dialect, std::move(decoder)))
      return v;
  }
  const check::LintReport lint = check::lint(in.stream, dialect);
  uint64_t counts[3] = {0, 0, 0};
  for (size_t i = 0; i < lint.findings.size(); ++i) {
    const Finding &f = lint.findings[i];
    if (f.offset > in.stream.size() || (i && lint.findings[i - 1].offset > f.offset))
      return violation("lint-findings", f.rule + " at " + std::to_string(f.offset) +
                                            ": out of order or beyond the stream");
    ++counts[static_cast<int>(f.severity)];
  }
  if (counts[0] != lint.errors || counts[1] != lint.warnings || counts[2] != lint.infos)
    return violation("lint-counts", "severity counts do not add up to the findings listed");
  return std::nullopt;
}

bool is_repair(std::string_view rule) {
  return rule == rules::sse_bom_mid_stream.id || rule == rules::sse_blank_line_missing.id ||
         rule == rules::sse_payload_on_next_line.id || rule == rules::sse_unterminated_event.id;
}

namespace {

/// Compares each event a reference parser emits, as it emits it, with the next event of a recorded
/// trace; keeps the first difference and counts the events.
class ComparingSink final : public sse::EventSink {
public:
  explicit ComparingSink(const pipeline::ParserTrace &trace) {
    for (const auto &r : trace.records())
      if (!r.is_finding)
        expected_.push_back(&r.event);
  }
  void on_event(const sse::Event &e) override {
    if (!verdict && seen < expected_.size() && !pipeline::same_event(e, *expected_[seen]))
      verdict = violation("differential", "without repairs, reference " + describe(e) +
                                              " but repairing parser " +
                                              describe(*expected_[seen]));
    ++seen;
  }
  void on_finding(Finding) override {}
  size_t expected() const { return expected_.size(); }
  Verdict verdict;
  size_t seen = 0;

private:
  std::vector<const sse::Event *> expected_;
};

} // namespace

Verdict check_differential(const SplitInput &in, sse::ParserFactory reference,
                           sse::ParserFactory repairing) {
  pipeline::ParserTrace repaired;
  replay_traced(in, repairing, nullptr, {}, repaired);
  for (const auto &r : repaired.records())
    if (r.is_finding && is_repair(r.finding.rule))
      return std::nullopt;
  ComparingSink sink(repaired);
  auto parser = reference(sink);
  for_each_feed(in, [&](std::string_view feed) { parser->feed(feed); });
  parser->finish();
  if (sink.verdict)
    return sink.verdict;
  if (sink.seen != sink.expected())
    return violation("differential", "without repairs, reference emits " +
                                         std::to_string(sink.seen) + " events, repairing parser " +
                                         std::to_string(sink.expected()));
  return std::nullopt;
}

Verdict check_split_invariance(const SplitInput &in, const pipeline::Implementation &impl,
                               std::string_view dialect) {
  SplitInput whole = in;
  whole.lengths.clear();
  SplitInput split = in;
  if (split.lengths.empty())
    split.lengths = {1, 3, 7};
  const pipeline::Implementation *decoding = pipeline::handles(impl, dialect) ? &impl : nullptr;
  pipeline::ParserTrace whole_trace, split_trace;
  const auto a = replay_traced(whole, impl.make_parser, decoding, dialect, whole_trace);
  const auto b = replay_traced(split, impl.make_parser, decoding, dialect, split_trace);
  if (auto diff = whole_trace.difference(split_trace))
    return violation("split-invariance", std::string(impl.name) + " trace: " + *diff);
  if (decoding && !(*a == *b))
    return violation("split-invariance", std::string(impl.name) + " " + std::string(dialect) +
                                             ": equal traces but different results");
  // Every 2-way split point too, decided as `check --split every` decides it. Fuzzed inputs are
  // at most the target's max_len (4 KiB); longer ones are the whole seeds loaded once at the
  // start, corpus streams whose every split point the corpus check covers, and checking them here
  // doubled the target's time in CI.
  constexpr size_t kEveryMaxBytes = 8 * 1024;
  if (in.stream.size() > kEveryMaxBytes)
    return std::nullopt;
  if (auto every = pipeline::split_point_violation(in.stream, impl))
    return violation("split-invariance", std::string(impl.name) + " every: " + *every);
  return std::nullopt;
}

} // namespace harness::fuzz

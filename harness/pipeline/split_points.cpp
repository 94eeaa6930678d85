#include "pipeline/split_points.hpp"

#include <memory>
#include <optional>

namespace harness::pipeline {

namespace {

/// The cut point after `from`: just past the first LF, CRLF or bare CR at or after `from`; the
/// stream's end when there is none (a CR at the very end is a line end too).
uint64_t next_cut(std::string_view stream, uint64_t from) {
  const size_t at = stream.find_first_of("\r\n", from);
  if (at == std::string_view::npos)
    return stream.size();
  if (stream[at] == '\r' && at + 1 < stream.size() && stream[at + 1] == '\n')
    return at + 2;
  return at + 1;
}

class NoSink final : public sse::EventSink {
public:
  void on_event(const sse::Event &) override {}
  void on_finding(Finding) override {}
};

/// The shortcut of split_points.hpp: the reference parser, its state at the current slice's start,
/// the working parser of one split point and the reference's look-ahead copy, each with its sink.
class Shortcut {
public:
  Shortcut(std::string_view stream, const Implementation &impl, const ParserTrace &whole)
      : stream_(stream), ref_sink_(whole), work_sink_(whole), ahead_sink_(whole),
        ref_(impl.make_parser(ref_sink_)), start_(impl.make_parser(no_sink_)),
        work_(impl.make_parser(work_sink_)), ahead_(impl.make_parser(ahead_sink_)) {}

  /// Nothing when the parser cannot be copied, or when the reference's calls (the stream cut at
  /// every line end) differ from the whole stream's: then the shortcut proves nothing.
  std::optional<SplitPoints> run() {
    if (!start_->copy_state(*ref_))
      return std::nullopt;
    SplitPoints out;
    out.points = stream_.size() - 1;
    out.shortcut = true;
    for (uint64_t at = 0; at < stream_.size();) {
      const uint64_t end = next_cut(stream_, at);
      const size_t calls = ref_sink_.next();
      if (end - at > 1) // a split point inside the slice needs the state at its start
        start_->copy_state(*ref_);
      ref_->feed(stream_.substr(at, end - at));
      if (!ref_sink_.same())
        return std::nullopt;
      for (uint64_t k = at + 1; k < end; ++k)
        if (!passes(at, k, end, calls) && out.failing++ == 0) {
          out.first = k;
          out.difference = work_sink_.difference();
        }
      at = end;
    }
    ref_->finish();
    if (!ref_sink_.all_matched())
      return std::nullopt;
    return out;
  }

private:
  /// Split point k inside the slice [at, end), whose start state is start_ and which the reference
  /// entered after `calls` calls; the reference is at `end`.
  bool passes(uint64_t at, uint64_t k, uint64_t end, size_t calls) {
    work_->copy_state(*start_);
    work_sink_.restart(calls);
    work_->feed(stream_.substr(at, k - at));
    work_->feed(stream_.substr(k, end - k));
    if (!work_sink_.same())
      return false;
    if (met(*ref_, ref_sink_))
      return true;
    // Not met yet: go on beside a copy of the reference until the states meet or the stream ends.
    ahead_->copy_state(*ref_);
    ahead_sink_.restart(ref_sink_.next());
    for (uint64_t from = end; from < stream_.size();) {
      const uint64_t to = next_cut(stream_, from);
      const std::string_view slice = stream_.substr(from, to - from);
      work_->feed(slice);
      ahead_->feed(slice);
      from = to;
      if (!work_sink_.same())
        return false;
      // A look-ahead call that differs from the trace will be the reference's too: run() then
      // gives up, so the look-ahead is only trusted while it matches.
      if (ahead_sink_.same() && met(*ahead_, ahead_sink_))
        return true;
    }
    work_->finish();
    return work_sink_.all_matched();
  }

  /// The working parser made as many calls as `ref` and is in the same state.
  bool met(const sse::Parser &ref, const TraceComparer &ref_sink) const {
    return work_sink_.next() == ref_sink.next() && work_->same_state(ref);
  }

  std::string_view stream_;
  NoSink no_sink_;
  TraceComparer ref_sink_, work_sink_, ahead_sink_;
  std::unique_ptr<sse::Parser> ref_, start_, work_, ahead_;
};

SplitPoints full_replays(std::string_view stream, const Implementation &impl,
                         const ParserTrace &whole) {
  SplitPoints out;
  out.points = stream.size() - 1;
  for (uint64_t k = 1; k < stream.size(); ++k) {
    auto difference = whole.difference(stream, impl, split::Split{split::Split::Kind::at, k});
    if (difference && out.failing++ == 0) {
      out.first = k;
      out.difference = std::move(*difference);
    }
  }
  return out;
}

} // namespace

SplitPoints check_split_points(std::string_view stream, const Implementation &impl,
                               const ParserTrace &whole, SplitPointMethod method) {
  if (stream.size() < 2)
    return {};
  if (method == SplitPointMethod::shortcut)
    if (auto out = Shortcut(stream, impl, whole).run())
      return std::move(*out);
  return full_replays(stream, impl, whole);
}

std::optional<std::string> split_point_violation(std::string_view stream,
                                                 const Implementation &impl) {
  const ParserTrace whole(stream, impl, split::Split{});
  const SplitPoints fast = check_split_points(stream, impl, whole);
  if (fast.failing)
    return "at:" + std::to_string(fast.first) + ": " + fast.difference;
  if (stream.size() > kCrossCheckMaxBytes)
    return std::nullopt;
  const SplitPoints full = check_split_points(stream, impl, whole, SplitPointMethod::full_replay);
  if (full.failing)
    return "the shortcut passes every split point, full replays fail at:" +
           std::to_string(full.first) + ": " + full.difference;
  return std::nullopt;
}

} // namespace harness::pipeline

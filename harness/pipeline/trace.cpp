#include "pipeline/trace.hpp"

#include <utility>

#include "core/text.hpp"
#include "pipeline/replay.hpp"

namespace harness::pipeline {

namespace {

bool same_finding(const Finding &a, const Finding &b) {
  return a.offset == b.offset && a.event == b.event && a.severity == b.severity &&
         a.rule == b.rule && a.message == b.message;
}

std::string describe_record(const ParserTrace::Record &r) {
  return r.is_finding ? describe(r.finding) : describe(r.event);
}

} // namespace

bool same_event(const sse::Event &a, const sse::Event &b) {
  return a.index == b.index && a.offset == b.offset && a.data_offset == b.data_offset &&
         a.data == b.data && a.type == b.type && a.id == b.id && a.retry == b.retry;
}

TraceRecorder::TraceRecorder(ParserTrace &trace, sse::EventSink *next)
    : trace_(trace), next_(next) {
  trace_.text_.clear();
  trace_.records_.clear();
}

void TraceRecorder::on_event(const sse::Event &e) {
  ParserTrace::Record r;
  r.event = e;
  spans_.push_back({trace_.text_.size(), e.type.size(), e.data.size(), e.id.size(), e.retry.size()});
  trace_.text_.append(e.type).append(e.data).append(e.id).append(e.retry);
  trace_.records_.push_back(std::move(r));
  if (next_)
    next_->on_event(e);
}

void TraceRecorder::on_finding(Finding f) {
  ParserTrace::Record r;
  r.is_finding = true;
  spans_.push_back({});
  if (next_) {
    r.finding = f;
    next_->on_finding(std::move(f));
  } else {
    r.finding = std::move(f);
  }
  trace_.records_.push_back(std::move(r));
}

void TraceRecorder::finish() {
  const std::string_view all(trace_.text_);
  for (size_t i = 0; i < trace_.records_.size(); ++i) {
    if (trace_.records_[i].is_finding)
      continue;
    const Span &s = spans_[i];
    sse::Event &e = trace_.records_[i].event;
    e.type = all.substr(s.at, s.type);
    e.data = all.substr(s.at + s.type, s.data);
    e.id = all.substr(s.at + s.type + s.data, s.id);
    e.retry = all.substr(s.at + s.type + s.data + s.id, s.retry);
  }
}

std::string describe(const sse::Event &e) {
  return "event " + std::to_string(e.index) + " \"" + escaped_bytes(e.type, 24) + "\" at " +
         std::to_string(e.offset) + " (data at " + std::to_string(e.data_offset) + ", id \"" +
         escaped_bytes(e.id, 24) + "\"" + (e.retry.empty() ? "" : ", retry " + std::string(e.retry)) +
         "): data \"" + escaped_bytes(e.data, 60) + "\"";
}

std::string describe(const Finding &f) {
  return "finding " + f.rule + " (" + std::string(to_string(f.severity)) + ") at " +
         std::to_string(f.offset) + ", event " + std::to_string(f.event) + ": \"" +
         escaped_bytes(f.message, 60) + "\"";
}

ParserTrace::ParserTrace(std::string_view stream, const Implementation &impl,
                         const split::Split &split) {
  TraceRecorder sink(*this);
  run_parser(stream, impl, split, sink);
  sink.finish();
}

bool ParserTrace::matches(std::string_view stream, const Implementation &impl,
                          const split::Split &split) const {
  TraceComparer sink(*this);
  run_parser(stream, impl, split, sink);
  return sink.all_matched();
}

std::optional<std::string> ParserTrace::difference(std::string_view stream,
                                                   const Implementation &impl,
                                                   const split::Split &split) const {
  TraceComparer sink(*this);
  run_parser(stream, impl, split, sink);
  if (sink.all_matched())
    return std::nullopt;
  return sink.difference();
}

std::optional<std::string> ParserTrace::difference(const ParserTrace &other) const {
  TraceComparer sink(*this);
  other.replay(sink);
  if (sink.all_matched())
    return std::nullopt;
  return sink.difference();
}

void ParserTrace::replay(sse::EventSink &sink) const {
  for (const Record &r : records_) {
    if (r.is_finding)
      sink.on_finding(r.finding);
    else
      sink.on_event(r.event);
  }
}

void TraceComparer::restart(size_t from) {
  next_ = from;
  diverged_ = false;
  got_.clear();
}

void TraceComparer::on_event(const sse::Event &e) {
  if (diverged_)
    return;
  if (next_ < records_.size() && !records_[next_].is_finding && same_event(records_[next_].event, e)) {
    ++next_;
    return;
  }
  diverged_ = true;
  got_ = describe(e);
}

void TraceComparer::on_finding(Finding f) {
  if (diverged_)
    return;
  if (next_ < records_.size() && records_[next_].is_finding && same_finding(records_[next_].finding, f)) {
    ++next_;
    return;
  }
  diverged_ = true;
  got_ = describe(f);
}

std::string TraceComparer::difference() const {
  if (all_matched())
    return {};
  const std::string want = next_ < records_.size() ? describe_record(records_[next_]) : "no call";
  return "call " + std::to_string(next_) + ": the whole stream makes " + want + ", the split " +
         (diverged_ ? got_ : std::string("no call"));
}

} // namespace harness::pipeline

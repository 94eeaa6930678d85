#include "pipeline/trace.hpp"

#include <utility>

#include "core/text.hpp"
#include "pipeline/replay.hpp"

namespace harness::pipeline {

namespace {

bool same_event(const sse::Event &a, const sse::Event &b) {
  return a.index == b.index && a.offset == b.offset && a.data_offset == b.data_offset &&
         a.data == b.data && a.type == b.type && a.id == b.id && a.retry == b.retry;
}

bool same_finding(const Finding &a, const Finding &b) {
  return a.offset == b.offset && a.event == b.event && a.severity == b.severity &&
         a.rule == b.rule && a.message == b.message;
}

std::string describe_record(const ParserTrace::Record &r) {
  return r.is_finding ? describe(r.finding) : describe(r.event);
}

/// Records events as offsets into one text first (the text may move while it grows), then views.
class RecordingSink final : public sse::EventSink {
public:
  RecordingSink(std::string &text, std::vector<ParserTrace::Record> &records)
      : text_(text), records_(records) {}

  void on_event(const sse::Event &e) override {
    ParserTrace::Record r;
    r.event = e;
    spans_.push_back({text_.size(), e.type.size(), e.data.size(), e.id.size(), e.retry.size()});
    text_.append(e.type).append(e.data).append(e.id).append(e.retry);
    records_.push_back(std::move(r));
  }
  void on_finding(Finding f) override {
    ParserTrace::Record r;
    r.is_finding = true;
    r.finding = std::move(f);
    spans_.push_back({});
    records_.push_back(std::move(r));
  }
  /// Points the recorded events' views into the finished text.
  void settle() {
    for (size_t i = 0; i < records_.size(); ++i) {
      if (records_[i].is_finding)
        continue;
      const Span &s = spans_[i];
      const std::string_view all(text_);
      records_[i].event.type = all.substr(s.at, s.type);
      records_[i].event.data = all.substr(s.at + s.type, s.data);
      records_[i].event.id = all.substr(s.at + s.type + s.data, s.id);
      records_[i].event.retry = all.substr(s.at + s.type + s.data + s.id, s.retry);
    }
  }

private:
  struct Span {
    size_t at = 0, type = 0, data = 0, id = 0, retry = 0;
  };
  std::string &text_;
  std::vector<ParserTrace::Record> &records_;
  std::vector<Span> spans_;
};

} // namespace

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
  RecordingSink sink(text_, records_);
  run_parser(stream, impl, split, sink);
  sink.settle();
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

#include "pipeline/replay.hpp"

#include <stdexcept>
#include <string>

namespace harness::pipeline {

StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split) {
  auto decoder = impl.make_decoder(dialect);
  if (!decoder)
    throw std::invalid_argument(std::string(impl.name) + " does not handle the " +
                                std::string(dialect) + " dialect");
  auto p = impl.make_parser(*decoder);
  split::for_each_feed(split, stream, [&](std::string_view slice) { p->feed(slice); });
  p->finish();
  return decoder->finish();
}

namespace {

bool same_event(const sse::Event &a, const sse::Event &b) {
  return a.index == b.index && a.offset == b.offset && a.data_offset == b.data_offset &&
         a.data == b.data && a.type == b.type && a.id == b.id;
}

bool same_finding(const Finding &a, const Finding &b) {
  return a.offset == b.offset && a.event == b.event && a.severity == b.severity &&
         a.rule == b.rule && a.message == b.message;
}

/// Records events as offsets into one text first (the text may move while it grows), then views.
class RecordingSink final : public sse::EventSink {
public:
  RecordingSink(std::string &text, std::vector<ParserTrace::Record> &records)
      : text_(text), records_(records) {}

  void on_event(const sse::Event &e) override {
    ParserTrace::Record r;
    r.event = e;
    spans_.push_back({text_.size(), e.type.size(), e.data.size(), e.id.size()});
    text_.append(e.type).append(e.data).append(e.id);
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
    }
  }

private:
  struct Span {
    size_t at = 0, type = 0, data = 0, id = 0;
  };
  std::string &text_;
  std::vector<ParserTrace::Record> &records_;
  std::vector<Span> spans_;
};

/// Compares what a parser emits with a recorded trace as it comes; remembers the first difference.
class ComparingSink final : public sse::EventSink {
public:
  explicit ComparingSink(const std::vector<ParserTrace::Record> &records) : records_(records) {}

  void on_event(const sse::Event &e) override {
    if (same_ && next_ < records_.size() && !records_[next_].is_finding &&
        same_event(records_[next_].event, e))
      ++next_;
    else
      same_ = false;
  }
  void on_finding(Finding f) override {
    if (same_ && next_ < records_.size() && records_[next_].is_finding &&
        same_finding(records_[next_].finding, f))
      ++next_;
    else
      same_ = false;
  }
  bool all_matched() const { return same_ && next_ == records_.size(); }

private:
  const std::vector<ParserTrace::Record> &records_;
  size_t next_ = 0;
  bool same_ = true;
};

void run_parser(std::string_view stream, const Implementation &impl, const split::Split &split,
                sse::EventSink &sink) {
  auto p = impl.make_parser(sink);
  split::for_each_feed(split, stream, [&](std::string_view slice) { p->feed(slice); });
  p->finish();
}

} // namespace

ParserTrace::ParserTrace(std::string_view stream, const Implementation &impl,
                         const split::Split &split) {
  RecordingSink sink(text_, records_);
  run_parser(stream, impl, split, sink);
  sink.settle();
}

bool ParserTrace::matches(std::string_view stream, const Implementation &impl,
                          const split::Split &split) const {
  ComparingSink sink(records_);
  run_parser(stream, impl, split, sink);
  return sink.all_matched();
}

} // namespace harness::pipeline

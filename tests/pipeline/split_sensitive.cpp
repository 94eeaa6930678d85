#include "pipeline/split_sensitive.hpp"

#include <string>

#include "dialect/dialect.hpp"

namespace harness::test {

namespace {

enum class Bug { eager, late, per_feed };

class LineParser : public sse::Parser {
public:
  LineParser(sse::EventSink &sink, Bug bug) : sink_(sink), bug_(bug) {}

  void feed(std::string_view bytes) override {
    for (const char c : bytes) {
      ++offset_;
      if (c != '\n') {
        carry_ += c;
        continue;
      }
      sse::Event e;
      e.type = "message";
      e.data = carry_;
      e.index = index_++;
      e.offset = offset_ - carry_.size() - 1;
      e.data_offset = e.offset;
      sink_.on_event(e);
      carry_.clear();
    }
    if (bug_ == Bug::per_feed && !bytes.empty())
      note("feed ended at " + std::to_string(offset_));
    if (carry_.empty())
      return;
    if (bug_ == Bug::eager)
      note("cut inside a line at " + std::to_string(offset_));
    else if (bug_ == Bug::late)
      ++cuts_;
  }
  void finish() override {
    if (cuts_ != 0)
      note(std::to_string(cuts_) + " cuts inside lines");
  }

protected:
  bool copy_from(const Parser &other) {
    const auto *o = dynamic_cast<const LineParser *>(&other);
    if (!o || o->bug_ != bug_)
      return false;
    carry_ = o->carry_;
    offset_ = o->offset_;
    index_ = o->index_;
    cuts_ = o->cuts_;
    return true;
  }
  bool same_as(const Parser &other) const {
    const auto *o = dynamic_cast<const LineParser *>(&other);
    return o && o->bug_ == bug_ && carry_ == o->carry_ && offset_ == o->offset_ &&
           index_ == o->index_ && cuts_ == o->cuts_;
  }

private:
  void note(std::string message) {
    Finding f;
    f.rule = "test.split";
    f.severity = Severity::warning;
    f.offset = offset_;
    f.event = index_;
    f.message = std::move(message);
    sink_.on_finding(std::move(f));
  }

  sse::EventSink &sink_;
  Bug bug_;
  std::string carry_;
  uint64_t offset_ = 0, index_ = 0, cuts_ = 0;
};

class CopyableLineParser final : public LineParser {
public:
  using LineParser::LineParser;
  bool copy_state(const Parser &other) override { return copy_from(other); }
  bool same_state(const Parser &other) const override { return same_as(other); }
};

} // namespace

std::unique_ptr<sse::Parser> make_eager_parser(sse::EventSink &sink) {
  return std::make_unique<CopyableLineParser>(sink, Bug::eager);
}
std::unique_ptr<sse::Parser> make_late_parser(sse::EventSink &sink) {
  return std::make_unique<CopyableLineParser>(sink, Bug::late);
}
std::unique_ptr<sse::Parser> make_unsupported_parser(sse::EventSink &sink) {
  return std::make_unique<LineParser>(sink, Bug::eager);
}
std::unique_ptr<sse::Parser> make_per_feed_parser(sse::EventSink &sink) {
  return std::make_unique<CopyableLineParser>(sink, Bug::per_feed);
}

pipeline::Implementation split_sensitive_impl(const char *name, sse::ParserFactory make) {
  return pipeline::Implementation{name, pipeline::Kind::parser, "split-sensitive test parser", "",
                                  make, dialect::make_decoder};
}

} // namespace harness::test

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

/// FNV-1a over length-prefixed fields, so ("ab","c") and ("a","bc") differ.
class DigestSink final : public sse::EventSink {
public:
  void on_event(const sse::Event &e) override {
    mix_u64(1);
    mix_str(e.type);
    mix_str(e.data);
    mix_str(e.id);
    mix_u64(e.index);
    mix_u64(e.offset);
    mix_u64(e.data_offset);
  }
  void on_finding(Finding f) override {
    mix_u64(2);
    mix_str(f.rule);
    mix_u64(static_cast<uint64_t>(f.severity));
    mix_u64(f.offset);
    mix_u64(f.event);
    mix_str(f.message);
  }
  uint64_t value() const { return h_; }

private:
  void mix_byte(unsigned char c) {
    h_ ^= c;
    h_ *= 0x100000001b3ULL;
  }
  void mix_u64(uint64_t v) {
    for (int i = 0; i < 8; ++i)
      mix_byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void mix_str(std::string_view s) {
    mix_u64(s.size());
    for (unsigned char c : s)
      mix_byte(c);
  }
  uint64_t h_ = 0xcbf29ce484222325ULL;
};

} // namespace

uint64_t event_digest(std::string_view stream, const Implementation &impl,
                      const split::Split &split) {
  DigestSink sink;
  auto p = impl.make_parser(sink);
  split::for_each_feed(split, stream, [&](std::string_view slice) { p->feed(slice); });
  p->finish();
  return sink.value();
}

} // namespace harness::pipeline

#include "dialect/messages_support.hpp"

#include <doctest/doctest.h>

#include "sse/parser.hpp"

namespace dialect_test {

namespace {

// Keeps the decoder behind the parser's sink interface, so the parser can be fed in any slices.
harness::StreamResult parse_into(DecoderFactory make, std::string_view sse, size_t slice) {
  auto decoder = make();
  const harness::sse::ParserInfo *info = harness::sse::find_parser("tolerant");
  REQUIRE(info != nullptr);
  auto parser = info->make(*decoder);
  for (size_t at = 0; at < sse.size(); at += slice)
    parser->feed(sse.substr(at, slice));
  parser->finish();
  return decoder->finish();
}

} // namespace

harness::StreamResult run_events(DecoderFactory make, const std::vector<Ev> &events) {
  auto decoder = make();
  EventFeed feed(*decoder);
  for (const Ev &e : events)
    feed(e.data, e.type);
  return decoder->finish();
}

harness::StreamResult Runner::operator()(const std::vector<Ev> &events) const {
  return run_events(make, events);
}

uint64_t data_offset_of(const std::vector<Ev> &events, size_t i) {
  uint64_t offset = kDataPrefix;
  for (size_t k = 0; k < i; ++k)
    offset += written_size(events[k].data);
  return offset;
}

void check_findings_at(const harness::StreamResult &r, const std::vector<Ev> &events, size_t i) {
  for (const auto &f : r.findings) {
    CHECK(f.offset == data_offset_of(events, i));
    CHECK(f.event == i);
  }
}

harness::StreamResult replay(DecoderFactory make, std::string_view sse) {
  const harness::StreamResult whole = parse_into(make, sse, sse.size() + 1);
  const harness::StreamResult bytes = parse_into(make, sse, 1);
  CHECK(whole == bytes);
  return whole;
}

} // namespace dialect_test

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
  uint64_t offset = 0;
  uint64_t index = 0;
  for (const Ev &e : events) {
    harness::sse::Event ev;
    ev.type = e.type;
    ev.data = e.data;
    ev.index = index++;
    ev.offset = offset;
    ev.data_offset = offset + 6;
    decoder->on_event(ev);
    offset += 6 + e.data.size() + 2;
  }
  return decoder->finish();
}

uint64_t data_offset_of(const std::vector<Ev> &events, size_t i) {
  uint64_t offset = 0;
  for (size_t k = 0; k < i; ++k)
    offset += 6 + events[k].data.size() + 2;
  return offset + 6;
}

harness::StreamResult replay(DecoderFactory make, std::string_view sse) {
  const harness::StreamResult whole = parse_into(make, sse, sse.size() + 1);
  const harness::StreamResult bytes = parse_into(make, sse, 1);
  CHECK(whole == bytes);
  return whole;
}

std::vector<std::string> rules_of(const harness::StreamResult &r) {
  std::vector<std::string> out;
  for (const auto &f : r.findings)
    out.push_back(f.rule);
  return out;
}

std::map<std::string, int> rule_counts(const harness::StreamResult &r) {
  std::map<std::string, int> out;
  for (const auto &f : r.findings)
    ++out[f.rule];
  return out;
}

} // namespace dialect_test

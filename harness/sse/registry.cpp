// The one ordered table of parsers (see sse/parser.hpp for why it is explicit).
#include "sse/lines.hpp"
#include "sse/parser.hpp"
#include "sse/tolerant.hpp"
#include "sse/whatwg.hpp"

namespace harness::sse {

namespace {
// Order matters: the reference first, then the repairing parser, then the naive client.
constexpr ParserInfo table[] = {
    {"whatwg", "WHATWG event stream interpretation, as browsers and eventsource-parser do it",
     "https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation",
     make_whatwg_parser},
    {"tolerant", "WHATWG plus repairs of common producer mistakes, each reported as a finding",
     "WHATWG section 9.2.6 plus the repairs in sse/tolerant.hpp", make_tolerant_parser},
    {"lines", "naive client: LF-split lines starting with 'data: ', one event each",
     "the hand-written `line.startswith('data: ')` loop of many client snippets", make_lines_parser},
};
} // namespace

std::span<const ParserInfo> parsers() {
  return table;
}

const ParserInfo *find_parser(std::string_view name) {
  for (const ParserInfo &info : table)
    if (info.name == name)
      return &info;
  return nullptr;
}

} // namespace harness::sse

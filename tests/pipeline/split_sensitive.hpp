#pragma once
// Test-only parsers that depend on the split on purpose, so that `every` has something to find.
// Each reads LF-terminated lines (carried across feeds) and emits one event per line: type
// "message", data = the line, offset = its start, index counting from 0. The bug:
//   eager   a feed that ends inside a line is reported at once as a finding ("cut inside a line
//           at N"): the calls differ right at the split point, and the state is the unsplit one's
//           again at the next line end;
//   late    such a feed is only counted, and finish() reports the count as a finding: the state
//           never meets the unsplit one's, so the difference is the very last call.
// Both support Parser::copy_state and same_state. `unsupported` is `eager` without them (the
// shortcut must fall back to full replays); `per_feed` emits a finding at the end of every
// non-empty feed, so even cuts at line ends change its calls.
#include <memory>

#include "pipeline/implementation.hpp"
#include "sse/parser.hpp"

namespace harness::test {

std::unique_ptr<sse::Parser> make_eager_parser(sse::EventSink &sink);
std::unique_ptr<sse::Parser> make_late_parser(sse::EventSink &sink);
std::unique_ptr<sse::Parser> make_unsupported_parser(sse::EventSink &sink);
std::unique_ptr<sse::Parser> make_per_feed_parser(sse::EventSink &sink);

/// An implementation with `make` as its parser and the reference decoders.
pipeline::Implementation split_sensitive_impl(const char *name, sse::ParserFactory make);

} // namespace harness::test

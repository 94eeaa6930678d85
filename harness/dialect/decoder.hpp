#pragma once
// A dialect decoder turns SSE events into the reassembled result a client would show. It is the
// sink a parser feeds; finish() is called once, after the parser's own finish().
#include <memory>

#include "core/stream_result.hpp"
#include "dialect/common/memo_stats.hpp"
#include "sse/parser.hpp"

namespace harness::dialect {

class Decoder : public sse::EventSink {
public:
  /// The stream ended: returns the result (events, done, choices, usage, errors and every finding,
  /// the parser's included, in arrival order). Called once.
  virtual StreamResult finish() = 0;
};

/// A decoder with a shape memo, whose counters tests and the timing program read.
class MemoDecoder : public Decoder {
public:
  virtual const MemoStats &memo_stats() const = 0;
};

/// OpenAI `chat.completion.chunk` streams (dialect/chat/).
std::unique_ptr<Decoder> make_chat_decoder();
/// Anthropic Messages streams (dialect/messages/).
std::unique_ptr<Decoder> make_messages_decoder();
/// OpenAI Responses API streams (dialect/responses/).
std::unique_ptr<Decoder> make_responses_decoder();
/// Gemini streamGenerateContent streams (dialect/gemini/).
std::unique_ptr<Decoder> make_gemini_decoder();

} // namespace harness::dialect

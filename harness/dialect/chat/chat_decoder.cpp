#include "dialect/chat/chat_decoder.hpp"

#include <optional>
#include <vector>

#include "dialect/chat/chunk_reader.hpp"
#include "dialect/chat/decoded_chunk.hpp"
#include "dialect/chat/error_event.hpp"
#include "dialect/chat/findings.hpp"
#include "dialect/chat/merge.hpp"
#include "dialect/chat/shape_memo.hpp"
#include "dialect/chat/stream_end.hpp"
#include "dialect/chat/stream_state.hpp"

namespace harness::chat {

namespace {

class ChatDecoderImpl final : public ChatDecoder {
public:
  explicit ChatDecoderImpl(const ChatDecoderOptions &options) {
    if (options.memo_shapes > 0)
      memo_.emplace(options.memo_shapes);
  }

  void on_finding(Finding finding) override { result_.findings.push_back(std::move(finding)); }

  void on_event(const sse::Event &event) override {
    ++result_.events;
    state_.last_event = EventRef{event.data_offset, event.index};
    if (result_.done) {
      add_finding(result_, rules::done_data_after_done, event.data_offset, event.index,
                  "an event after [DONE] was ignored");
      return;
    }
    if (event.type == "error") {
      std::string message = error_event_message(event.data);
      add_finding(result_, rules::error_event, event.data_offset, event.index,
                  "an error event: " + quoted(message));
      result_.errors.push_back(
          StreamError{std::move(message), "event", event.data_offset, event.index});
      return;
    }
    if (event.data == "[DONE]") {
      result_.done = true;
      return;
    }
    if (const DecodedChunk *chunk = decode(event))
      merge_chunk(*chunk, event, result_, state_);
  }

  StreamResult finish() override {
    check_stream_end(result_, state_);
    return std::move(result_);
  }

  const MemoStats &memo_stats() const override { return memo_ ? memo_->stats() : no_memo_stats_; }

private:
  // The decoded payload (memo hit, or full parse), or nullptr after a finding when it is unusable.
  const DecodedChunk *decode(const sse::Event &event) {
    const bool try_memo = memo_ && memo_->worth_trying();
    if (try_memo)
      if (const DecodedChunk *hit = memo_->lookup(event.data))
        return hit;
    if (memo_)
      memo_->count_full_parse();
    else
      ++no_memo_stats_.full_parses;
    const ReadOutcome outcome = reader_.read(event.data, scratch_, value_slots_, number_fields_);
    switch (outcome.kind) {
    case ReadOutcome::Kind::invalid:
      // Exact when the payload came from one data line. When several data lines were joined, the
      // stream has a "data:" prefix (not part of the payload) before each later line, so offsets
      // past the first line fall short by those prefixes.
      add_finding(result_, rules::json_invalid,
                  payload_stream_offset(event.data_offset, event.data, outcome.error_offset),
                  event.index,
                  "the payload is not valid JSON (byte " + std::to_string(outcome.error_offset) +
                      " of the payload): " + outcome.message);
      return nullptr;
    case ReadOutcome::Kind::not_object:
      add_finding(result_, rules::json_not_object, event.data_offset, event.index,
                  "the payload is valid JSON but not an object");
      return nullptr;
    case ReadOutcome::Kind::ok:
      break;
    }
    if (try_memo && reader_.memoizable())
      if (const DecodedChunk *stored =
              memo_->store(event.data, value_slots_, number_fields_, scratch_))
        return stored;
    return &scratch_;
  }

  StreamResult result_;
  StreamState state_;
  ChunkReader reader_;
  std::optional<ShapeMemo> memo_;
  MemoStats no_memo_stats_;
  DecodedChunk scratch_;
  std::vector<Slot> value_slots_;
  std::vector<NumberField> number_fields_;
};

} // namespace

std::unique_ptr<ChatDecoder> make_chat_decoder(const ChatDecoderOptions &options) {
  return std::make_unique<ChatDecoderImpl>(options);
}

} // namespace harness::chat

namespace harness::dialect {

std::unique_ptr<Decoder> make_chat_decoder() { return chat::make_chat_decoder({}); }

} // namespace harness::dialect

#pragma once
// The content blocks of one Anthropic message, and what each adds to the choice.
//
//   content_block_start   needs an integer index and a content_block object with a string type
//                         (else messages.malformed-event, ignored). An index already started is
//                         messages.block-restarted: the new block replaces the old one (whose
//                         tool call, if any, is settled as at a stop, without the JSON check). An
//                         index that is not the next one (0, 1, 2, ...) is
//                         messages.block-index-gap and still accepted.
//       text, thinking    a non-empty content_block.text / .thinking is appended, as the SDKs
//                         put it in their snapshot
//       tool_use, server_tool_use, mcp_tool_use
//                         a tool call: index = its position among the tool blocks, id, type = the
//                         block type, name ("" counts as absent); content_block.input (Anthropic
//                         sends {}) is kept as the fallback arguments
//       redacted_thinking, *_tool_result, container_upload
//                         nothing to show (opaque data, server tool output)
//       anything else     messages.unknown-block-type; the block's deltas are ignored silently
//   content_block_delta   needs an integer index and a delta object with a string type. An index
//                         never started is messages.block-not-started (ignored); a stopped block
//                         is messages.block-after-stop (still applied: the SDKs accumulate by
//                         index)
//       text_delta        text       -> choice.text      (text blocks)
//       thinking_delta    thinking   -> choice.reasoning (thinking blocks)
//       input_json_delta  partial_json -> the tool call's arguments (tool blocks)
//       signature_delta, citations_delta  nothing to show (thinking / text blocks)
//       other types       messages.unknown-delta-type, ignored
//     A delta of a known type for a block it does not fit is messages.delta-block-mismatch and
//     ignored, as in the Anthropic SDKs.
//   content_block_stop    needs an integer index; unknown index: messages.block-not-started; a
//                         second stop: messages.block-after-stop. A tool block is settled: empty
//                         arguments take the fallback (compact JSON of a non-empty input object),
//                         non-empty ones must be a JSON object (messages.tool-input-invalid).
// Text from several blocks is concatenated without a separator, as anthropic-sdk-python's
// get_final_text() joins text blocks with "".
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/stream_result.hpp"
#include "sse/parser.hpp"
#include "json/rapidjson.hpp"

namespace harness::messages {

class ContentBlocks {
public:
  /// Findings go to `result`, which must outlive this object.
  explicit ContentBlocks(StreamResult &result) : result_(result) {}

  void start(const rapidjson::Value &payload, const sse::Event &event, Choice &choice);
  void delta(const rapidjson::Value &payload, const sse::Event &event, Choice &choice);
  void stop(const rapidjson::Value &payload, const sse::Event &event, Choice &choice);

  /// message_stop: each block still open gets messages.block-not-stopped and is settled.
  void close_open(const sse::Event &event, Choice &choice);
  /// End of stream: tool blocks never settled take their fallback arguments; no findings (a cut
  /// stream is done.missing).
  void settle_all(Choice &choice);

private:
  enum class Kind { text, thinking, tool, opaque, unknown };
  static constexpr size_t kNoTool = static_cast<size_t>(-1);

  struct Block {
    int64_t index = 0;
    std::string type;
    Kind kind = Kind::unknown;
    bool stopped = false;
    bool settled = false;
    size_t tool = kNoTool; ///< position in choice.tool_calls
    std::string input;     ///< compact JSON of a non-empty content_block.input
  };

  Block *find(int64_t index);
  void open(Block &block, std::string_view type, const rapidjson::Value &content, Choice &choice,
            const sse::Event &event);
  void settle(Block &block, Choice &choice, const sse::Event *event);

  StreamResult &result_;
  std::vector<Block> blocks_; ///< in start order; a stream has a handful
};

} // namespace harness::messages

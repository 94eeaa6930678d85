#include "dialect/chat/decoded_chunk.hpp"

namespace harness::chat {

void DecodedChunk::clear() {
  choices.clear();
  usage_state = UsageState::absent;
  usage = Usage{};
  error.reset();
  type_notes.clear();
  values.clear();
}

} // namespace harness::chat

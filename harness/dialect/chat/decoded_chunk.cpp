#include "dialect/chat/decoded_chunk.hpp"

namespace harness::chat {

void DecodedChunk::clear() {
  id = kNoSlot;
  model = kNoSlot;
  object = kNoSlot;
  created.reset();
  choices.clear();
  usage_state = UsageState::absent;
  usage = Usage{};
  input_tokens.reset();
  output_tokens.reset();
  big_integers = 0;
  first_big_integer.clear();
  error.reset();
  type_notes.clear();
  values.clear();
  memo_serial = 0;
  header_as_stored = false;
}

} // namespace harness::chat

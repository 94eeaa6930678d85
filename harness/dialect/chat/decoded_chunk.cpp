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

std::optional<int64_t> *DecodedChunk::integer(const NumberField &field) {
  using Kind = NumberField::Kind;
  switch (field.kind) {
  case Kind::none:
    return nullptr;
  case Kind::created:
    return &created;
  case Kind::choice_index:
    return field.choice < choices.size() ? &choices[field.choice].index : nullptr;
  case Kind::tool_call_index:
    return field.choice < choices.size() &&
                   field.tool_call < choices[field.choice].tool_calls.size()
               ? &choices[field.choice].tool_calls[field.tool_call].index
               : nullptr;
  case Kind::prompt_tokens:
    return &usage.prompt_tokens;
  case Kind::completion_tokens:
    return &usage.completion_tokens;
  case Kind::total_tokens:
    return &usage.total_tokens;
  case Kind::reasoning_tokens:
    return &usage.reasoning_tokens;
  case Kind::input_tokens:
    return &input_tokens;
  case Kind::output_tokens:
    return &output_tokens;
  }
  return nullptr;
}

} // namespace harness::chat

#pragma once
// The wire dialects the harness decodes, and how a stream's dialect is told from its bytes.
// Every dialect maps into the same result model (core/stream_result.hpp): choices (text, reasoning,
// refusal, tool_calls, finish_reason), usage, errors, done.
#include <memory>
#include <span>
#include <string_view>

#include "dialect/decoder.hpp"

namespace harness::dialect {

/// OpenAI `chat.completion.chunk` streams, and every OpenAI-compatible gateway.
inline constexpr std::string_view kOpenAiChat = "openai-chat";
/// Anthropic Messages: message_start, content_block_*, message_delta, message_stop, ping, error.
inline constexpr std::string_view kAnthropicMessages = "anthropic-messages";
/// OpenAI Responses API: `response.*` events.
inline constexpr std::string_view kOpenAiResponses = "openai-responses";
/// Google's Gemini API: `:streamGenerateContent?alt=sse`, one GenerateContentResponse per event.
inline constexpr std::string_view kGemini = "gemini";

/// All dialect names, in this order.
std::span<const std::string_view> dialects();

bool is_dialect(std::string_view name);

/// The harness's reference decoder for `dialect`; nullptr for an unknown name.
std::unique_ptr<Decoder> make_decoder(std::string_view dialect);

/// The dialect of a stream, decided by its first events (read with the `tolerant` parser): an
/// `event:` type or a payload `type` of the Anthropic set -> anthropic-messages; `response.*` ->
/// openai-responses; a payload with `choices` or `object: chat.completion.chunk` -> openai-chat;
/// one with `candidates`, `usageMetadata` or `promptFeedback` (and no `choices`) -> gemini.
/// Streams that say nothing decisive (empty, only [DONE], only errors) are openai-chat.
std::string_view detect_dialect(std::string_view stream);

} // namespace harness::dialect

#pragma once
// Running SDK profiles over hand-made streams, and building those streams.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/stream_result.hpp"

namespace profile_test {

/// The profiles of the OpenAI and Anthropic SDKs, in table order (the Gemini one comes after them).
inline const std::vector<std::string> kProfiles = {
    "openai-python",           "openai-node",           "openai-go",
    "litellm",                 "openai-python-responses", "openai-node-responses",
    "anthropic-sdk-python",    "anthropic-sdk-typescript"};

/// The profiles of openai-chat streams.
inline const std::vector<std::string> kChatProfiles = {"openai-python", "openai-node", "openai-go",
                                                       "litellm"};

/// The one dialect profile `name` handles.
std::string_view dialect_of(std::string_view name);

/// `bytes` through profile `name` (in its dialect), fed in these slices, then finished.
harness::StreamResult run_slices(std::string_view name,
                                 const std::vector<std::string_view> &slices);

/// Replays `bytes` through profile `name` whole, byte by byte (with an empty feed before every
/// byte), at every 2-way split point and, for inputs of at most 40 bytes, at every 3-way split.
/// Every replay must give the whole-stream result (doctest CHECKs name the first differing split);
/// that result is returned. Above 4096 bytes the 2-way splits compare the parser trace
/// (pipeline::check_split_points; the decoder's result is a function of it) instead of full
/// results.
harness::StreamResult replay_all(std::string_view name, std::string_view bytes);

/// A chat.completion.chunk payload: {"id":<id>,"object":"chat.completion.chunk","choices":
/// [{"index":0,"delta":<delta>,"finish_reason":<finish>}]<extra>} with `finish` as JSON text.
std::string chunk(std::string_view delta, std::string_view finish = "null",
                  std::string_view extra = "", std::string_view id = "c1");

/// `data: <payload>\n\n` for each payload, concatenated.
std::string sse(const std::vector<std::string> &payloads);

/// `event: <type>\ndata: <payload>\n\n` for each {type, payload}, concatenated (an empty type
/// writes no `event:` line).
std::string typed_sse(const std::vector<std::pair<std::string, std::string>> &events);

/// The single choice of `r` (doctest REQUIREs there is exactly one).
const harness::Choice &only_choice(const harness::StreamResult &r);

} // namespace profile_test

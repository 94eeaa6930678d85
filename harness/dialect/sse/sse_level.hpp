#pragma once
// The `sse` dialect: SSE-level cases (case.json "dialect": "sse", e.g. the spec vectors under
// corpus/spec/) have no LLM payload to reassemble. They are judged on their event logs alone
// (pipeline/event_log.hpp); the decoder here only counts the events and keeps the parser's
// findings, so that every command that replays a case (replay, check, bless, serve) works on
// them unchanged. It is not in the LLM dialect table (dialect/dialect.hpp): every implementation,
// SDK profiles included, handles it, since each has an SSE layer (pipeline::make_decoder), but
// google-genai-python, whose SDK reads `data: ` lines without an SSE parser.
#include <memory>
#include <string_view>

#include "dialect/decoder.hpp"

namespace harness::dialect {

inline constexpr std::string_view kSse = "sse";

/// A decoder whose result holds the event count and the findings, nothing else (done false, no
/// choices, usage or errors).
std::unique_ptr<Decoder> make_sse_level_decoder();

} // namespace harness::dialect

#pragma once
// An implementation under test: an SSE parser paired with the decoders it reassembles with. Two
// kinds share one table:
//   parser   the harness's own parsers (whatwg, tolerant, lines) with the harness's reference decoder
//            of each dialect: they judge framing;
//   profile  a model of a widely used client SDK (openai-python, openai-node, openai-go, LiteLLM,
//            the OpenAI SDKs' Responses helpers, the Anthropic SDKs):
//            its own line splitting and its own reassembly policy, each naming the SDK source file it
//            follows (profiles/). A profile handles only the dialects its SDK reassembles.
// Case expectations, known deviations and `--impl` all use `name`.
#include <memory>
#include <span>
#include <string_view>

#include "dialect/decoder.hpp"
#include "sse/parser.hpp"

namespace harness::pipeline {

enum class Kind { parser, profile };

std::string_view to_string(Kind kind);

using DecoderFactory = std::unique_ptr<dialect::Decoder> (*)(std::string_view dialect);

struct Implementation {
  std::string_view name;        ///< stable; used in expectations, deviations and on the command line
  Kind kind = Kind::parser;
  std::string_view description; ///< one line for `sse-harness list`
  std::string_view models;      ///< what it follows: a spec section, or the SDK source files
  sse::ParserFactory make_parser;
  /// The decoder for `dialect`, or nullptr when this implementation does not handle that dialect.
  DecoderFactory make_decoder;
  /// Discards an event not followed by a blank line at the end of the stream (the WHATWG rule), so
  /// the `no-final-blank` variant must lose the last event (check/variant_check.hpp).
  bool drops_unterminated_event = false;
  /// The implementation whose SSE layer this one shares (Stainless generates one SSE decoder for
  /// the OpenAI and Anthropic SDKs of a language): that one's expected event logs apply where this
  /// one has none of its own (corpus/event_logs.hpp). Empty: its own.
  std::string_view sse_layer = {};
  /// Takes part in SSE-level cases (the `sse` dialect, spec vectors): false for a profile whose
  /// SDK reads its stream without an SSE parser (google-genai's `data: ` line reader), which the
  /// spec's vectors say nothing about.
  bool reads_sse_cases = true;
};

/// Every implementation, parsers first (sse/registry.cpp order), then profiles (profiles/).
std::span<const Implementation> implementations();

/// nullptr when no implementation has that name.
const Implementation *find_implementation(std::string_view name);

/// The decoder `impl` replays `dialect` with: for the `sse` dialect (SSE-level cases,
/// dialect/sse/sse_level.hpp) the event-counting decoder, for every implementation that
/// reads_sse_cases; otherwise impl.make_decoder(dialect). nullptr when `impl` does not handle it.
std::unique_ptr<dialect::Decoder> make_decoder(const Implementation &impl,
                                               std::string_view dialect);

/// Whether `impl` reassembles `dialect` at all (make_decoder gives one).
bool handles(const Implementation &impl, std::string_view dialect);

} // namespace harness::pipeline

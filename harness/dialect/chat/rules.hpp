#pragma once
// Rule ids of the findings the chat decoder makes, with their fixed severities. The layer is the part
// before the '.': "json" for payloads that are not usable JSON, "chat" for the chunk dialect,
// "usage" for token accounting. Tests and expectations refer to these ids; never rename one.
#include <string_view>

#include "core/finding.hpp"

namespace harness::chat::rules {

struct Rule {
  std::string_view id;
  Severity severity;
};

/// An event arrived after `[DONE]`; it is counted and otherwise ignored.
inline constexpr Rule kDataAfterDone{"chat.data-after-done", Severity::error};
/// The producer reported an error (`event: error`, or a non-null top-level "error" key).
inline constexpr Rule kStreamError{"chat.stream-error", Severity::error};
/// A payload RapidJSON rejects; the event is skipped.
inline constexpr Rule kJsonInvalid{"json.invalid", Severity::error};
/// A payload that is valid JSON but not an object; the event is skipped.
inline constexpr Rule kJsonNotObject{"json.not-object", Severity::error};
/// A choice's delta.role differs from the role it first had; the first is kept.
inline constexpr Rule kRoleChanged{"chat.role-changed", Severity::warning};
/// A tool_calls entry without an integer `index`; its position in that array is used instead.
inline constexpr Rule kToolCallWithoutIndex{"chat.tool-call-without-index", Severity::warning};
/// A tool call's id, type or function.name changed to a different non-empty value; the first is kept.
inline constexpr Rule kToolCallChanged{"chat.tool-call-changed", Severity::warning};
/// A second non-empty finish_reason for a choice that already had one; the first is kept.
inline constexpr Rule kFinishReasonRepeated{"chat.finish-reason-repeated", Severity::warning};
/// One delta carries both reasoning_content and reasoning, non-empty and different;
/// reasoning_content is used (identical values are taken once, without a finding).
inline constexpr Rule kReasoningConflict{"chat.reasoning-conflict", Severity::warning};
/// A field the dialect reads has a JSON type it cannot use (e.g. `content` as an array); it is
/// ignored as if absent.
inline constexpr Rule kUnexpectedType{"chat.unexpected-type", Severity::warning};
/// `usage: null` after a usage object was stored; the stored usage is kept (once per occurrence).
inline constexpr Rule kUsageNullAfterUsage{"usage.null-after-usage", Severity::info};

} // namespace harness::chat::rules

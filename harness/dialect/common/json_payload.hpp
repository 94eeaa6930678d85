#pragma once
// Event data read as a RapidJSON DOM (through the shape memo of common/document_memo.hpp), and the
// findings and errors every decoder makes about one event, for the decoders that read one DOM per
// event: Anthropic Messages (dialect/messages/) and the Responses API (dialect/responses/). The
// chat decoder reads its payloads with a SAX handler instead (chat/chunk_reader.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/stream_result.hpp"
#include "dialect/common/document_memo.hpp"
#include "rules/catalog.hpp"
#include "sse/parser.hpp"
#include "json/rapidjson.hpp"

namespace harness::dialect {

/// Appends a finding for `rule` at `event`'s data_offset and index.
void add_finding(StreamResult &result, const rules::Rule &rule, const sse::Event &event,
                 std::string message);

/// An error the producer reported in `event` (an `event: error` block when `from_event`, else a
/// payload of type error): a StreamError (source "event" or "payload") whose message is what
/// chat::error_event_message() reads from the data, and error.event or error.payload.
void report_error(StreamResult &result, const sse::Event &event, bool from_event);

/// `data` parsed by `memo` (as full_parse() would) when it is a JSON object; nullptr otherwise. The
/// value lives until the memo's next parse and only while `data`'s bytes live.
const rapidjson::Value *parse_object(std::string_view data, DocumentMemo &memo);

/// parse_object for an event's data; when the data is unusable, appends json.invalid (at
/// data_offset + the byte RapidJSON stopped at, with its message) or json.not-object and returns
/// nullptr: the caller skips the event.
const rapidjson::Value *read_object(const sse::Event &event, DocumentMemo &memo,
                                    StreamResult &result);

/// Member `name` of `object`; nullptr when absent or when `object` is not an object. With repeated
/// keys the last one counts, as in JSON.parse and Python's json.
const rapidjson::Value *member(const rapidjson::Value &object, std::string_view name);
/// The member when it is a string; empty when absent or of another type.
std::optional<std::string_view> string_member(const rapidjson::Value &object,
                                              std::string_view name);
/// The member when it is an integer representable as int64; empty otherwise.
std::optional<int64_t> int_member(const rapidjson::Value &object, std::string_view name);
/// The member when it is an object; nullptr otherwise.
const rapidjson::Value *object_member(const rapidjson::Value &object, std::string_view name);

std::string_view view(const rapidjson::Value &string);
/// `value` as compact JSON text.
std::string compact_json(const rapidjson::Value &value);
/// What an error object says: its "message" when that is a string, a string error itself, or
/// else its compact JSON, so the user still sees what the producer sent.
std::string error_text(const rapidjson::Value &error);

/// Whether `text` is one JSON object (tool input and function arguments must be). When it is not,
/// `why` says what is wrong (RapidJSON's message and the byte it stopped at).
bool is_json_object(std::string_view text, std::string &why);

/// The name of a JSON value's type for finding messages ("a string", "null", ...).
std::string_view type_name(const rapidjson::Value &value);

} // namespace harness::dialect

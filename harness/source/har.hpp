#pragma once
// HAR 1.2 files (a browser's devtools "Save all as HAR"): finding the streamed response in them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace harness::source {

/// One request/response pair of a HAR file, with the response body decoded.
struct HarEntry {
  size_t index = 0;       ///< position in log.entries, 0-based
  std::string method;     ///< request.method
  std::string url;        ///< request.url
  /// request.headers in file order; HTTP/2 pseudo-headers (":authority", ...) left out.
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::string> body; ///< request.postData.text, when present
  int status = 0;                  ///< response.status
  std::string mime_type;           ///< response.content.mimeType
  std::string started;             ///< startedDateTime, when present
  std::string stream;              ///< response.content.text, base64-decoded when so encoded
};

/// True when `bytes` is a JSON object whose `log.entries` is an array. Never fails.
bool looks_like_har(std::string_view bytes);

/// Whether a response content mimeType is an event stream (starts with text/event-stream, any
/// case).
bool is_event_stream_type(std::string_view mime_type);

/// The entry holding the stream: entry `choose` (0-based index in log.entries) when given,
/// whatever its mimeType; otherwise the only entry whose response is text/event-stream. Errors
/// name `file`: invalid JSON (with the byte offset), no log.entries, an index out of range, no
/// event-stream entry, several (listing each as "N: METHOD URL" and asking for --entry), a
/// response without content.text (the browser did not keep the body), invalid base64.
Result<HarEntry> read_har(std::string_view bytes, const std::string &file,
                          std::optional<size_t> choose);

/// Standard base64 (RFC 4648, '+' '/', '=' padding; whitespace ignored). nullopt when invalid.
std::optional<std::string> decode_base64(std::string_view text);

} // namespace harness::source

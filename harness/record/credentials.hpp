#pragma once
// Which headers a recorded case may keep. A case never stores a secret: credential headers are
// dropped whole from the stored request and response (not redacted: a recorded case has no use
// for them), and the caller is told which ones were dropped.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace harness::record {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// `headers` without the credential headers (harness::is_credential_header); the names dropped
/// are appended to `dropped`.
Headers without_credentials(const Headers &headers, std::vector<std::string> &dropped);

/// Connection-level headers a proxy must not forward (RFC 9110 7.6.1): Connection,
/// Keep-Alive, Proxy-Connection, TE, Trailer, Upgrade, Transfer-Encoding.
bool is_hop_by_hop(std::string_view name);

} // namespace harness::record

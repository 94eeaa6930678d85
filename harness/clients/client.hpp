#pragma once
// Real third-party clients that `clients run` points at `serve`: the built-in table (adapters in
// the project's clients/ folder, curl) and clients given on the command line with --exec.
//
// A client is a command template run once per case x wire option, without a shell, or — when it
// has a persistent form — one long-lived process per worker thread that takes one JSON request
// line per run (worker.hpp, CONTRACT.md). Placeholders:
//   {base_url}   http://127.0.0.1:P/cases/<case>/<options>/v1   (an SDK's base URL)
//   {stream_url} {base_url}/chat/completions | /responses | /messages (the case's dialect)
//   {events_url} {base_url}/events
//   {case} {dialect} {options}  the case id, its dialect, the wire options segment
//   {clients}    the folder holding the adapters (clients_dir())
// What a client prints on stdout (README "clients run" and clients/README.md):
//   result  a result document (schemas/result.schema.json): what an SDK's accumulated answer shows
//   events  an event log {"sse_events": [{type, data, id}…], "raised": …}: what an SSE-level client
//           dispatched; the harness decodes it with its reference decoder for the case's dialect
//   bytes   the response body itself (curl -N): compared byte for byte with what the server sent
#include <chrono>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "serve/wire.hpp"

namespace harness::clients {

enum class Output { result, events, bytes };

struct Client {
  std::string name;              ///< stable: used in known deviations and on the command line
  std::string description;       ///< one line: the package and the API it exercises
  std::vector<std::string> argv; ///< the command template of one run (empty: persistent only)
  /// The command of its persistent form ({clients} is the only placeholder); empty: none.
  std::vector<std::string> persistent;
  std::vector<std::string> dialects; ///< the dialects it speaks; empty = every dialect
  Output output = Output::result;
  /// Result fields the client is judged on (for `bytes`: none, the body is compared).
  std::vector<std::string> judged;
};

/// The built-in clients, in the order the matrix shows them.
std::span<const Client> builtin_clients();
/// nullptr when no built-in client has that name.
const Client *find_client(std::string_view name);

/// A client from --exec 'CMD ARGS…': split into words at spaces, with '…' and "…" quoting (no other
/// shell syntax). It prints a result document or an event log (decided per run by its shape) and
/// is judged like an SDK-level client unless it prints an event log. Errors: an empty command, an
/// unbalanced quote.
Result<Client> exec_client(std::string_view command, std::string name = "exec");
/// The same for --exec-persistent 'CMD ARGS…': a client of the persistent form only.
Result<Client> exec_persistent_client(std::string_view command, std::string name = "exec");

/// The fields an SSE-level client (one that prints an event log) is judged on; an --exec client
/// that prints one is judged on them too.
const std::vector<std::string> &sse_level_fields();

/// Whether a run of a case of `dialect` under `wire` is judged: all but `error-event` on an
/// SSE-level case (the `sse` dialect, a spec vector), which has no error payload of its own to
/// inject. (A cut one is judged on the events that arrived whole, read by the WHATWG rules.)
bool applies(std::string_view dialect, const serve::WireOptions &wire);

/// Whether `client` speaks `dialect`.
bool speaks(const Client &client, std::string_view dialect);

struct RunTarget {
  std::string base_url;
  std::string dialect;
  std::string case_id;
  std::string options;
  /// Every event type the case's stream dispatches (as the tolerant parser reads it), in order of
  /// first appearance: an EventSource hears only the types it listens for (request_line sends them).
  std::vector<std::string> event_types;
};

/// The client's argv for one run, every placeholder replaced.
std::vector<std::string> expand(const Client &client, const RunTarget &target);
/// The command of the client's persistent form, {clients} replaced.
std::vector<std::string> expand_persistent(const Client &client);
/// One run's request line for a persistent client (no newline): base_url, stream_url, events_url,
/// case, dialect, options and timeout_ms, as schemas/client-request.schema.json says.
std::string request_line(const RunTarget &target, std::chrono::milliseconds timeout);

/// Where the adapters are: SSE_HARNESS_CLIENTS when set and not empty, else the build-time
/// SSEH_DEFAULT_CLIENTS_DIR (the source tree's clients/).
std::filesystem::path clients_dir();

} // namespace harness::clients

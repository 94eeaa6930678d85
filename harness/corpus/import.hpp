#pragma once
// Importing a capture as a new case: the stream file copied (or, for JSON Lines, rebuilt) into a
// new case folder, a case.json with provenance and request, and expectations written by bless, so
// that the case passes `check` at once unless an implementation disagrees with the reference (then
// the case is marked disputed, see bless.hpp).
//
// The folder is built complete in a hidden staging folder beside its final place, synced, and
// renamed into place; a failure at any step leaves no case and no staging folder behind.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "corpus/bless.hpp"
#include "json/rapidjson.hpp"

namespace harness::corpus {

enum class ImportFormat {
  raw,      ///< the file is the stream; copied byte for byte as <name>.sse
  markdown, ///< a transcript (source/markdown.hpp); the whole file copied, its curl request read
  har,      ///< a HAR 1.2 file; the event-stream entry's body written as <name>.sse
  jsonl,    ///< one JSON chunk per line; each line written as `data: <line>\n\n` (reconstructed)
};

std::string_view to_string(ImportFormat format);
std::optional<ImportFormat> parse_import_format(std::string_view name);

/// har when the bytes are a JSON object with log.entries; jsonl when every non-blank line is a
/// JSON object; markdown when source::detect_format says so; raw otherwise.
ImportFormat detect_import_format(std::string_view bytes);

/// NAME must be a relative path of non-empty components, none of them "." or "..", none starting
/// with '.' (discovery skips hidden folders), no '\' or NUL. The error says what is wrong.
Status check_case_name(std::string_view name);

struct ImportOptions {
  std::string source;                  ///< SRC as the user named it
  std::string case_name;               ///< NAME, relative to corpus_dir
  std::filesystem::path corpus_dir;    ///< DIR
  std::optional<ImportFormat> format;  ///< default: detect_import_format
  std::optional<std::string> meta_file; ///< --meta FILE.json
  std::optional<size_t> har_entry;     ///< --entry N
  bool force = false;                  ///< replace an existing case
  /// The known-deviations file bless consults; default: deviations_path_for(the new case).
  std::optional<std::filesystem::path> deviations;
};

struct Imported {
  std::string case_id;
  std::filesystem::path dir;
  ImportFormat format = ImportFormat::raw;
  std::string dialect;
  std::string stream_file;        ///< the stream file's name inside dir
  Blessing blessing;              ///< the expectations written, the reference result, disputes
  std::vector<std::string> notes; ///< things done the user should know (e.g. credentials redacted)
};

/// Imports a capture (see the top of this file and README "import").
///
/// --meta FILE.json is an object whose keys override the generated defaults: title, why, request
/// (replaces; null allowed), provenance (its keys replace the default's: source, provider, model,
/// via, licence, reconstructed, notes), notes (= provenance.notes), tags (each replaces the
/// generated tags of the same kind, the part before ':'). Defaults: title = SRC's file name,
/// why = "imported from SRC", provenance.source = SRC, model = the first chunk's model, provider
/// guessed from a first-party model name (else "unknown"), licence "unknown", tags provider:,
/// model:, dialect:, capture:.
///
/// Errors (nothing written): a bad NAME; NAME exists without `force` ("already exists"), or with
/// `force` but is not a case folder; SRC unreadable; the format's own errors (byte offsets where
/// they apply); an empty stream or one without any SSE event; a --meta file that is unreadable,
/// not a JSON object or has an unknown key or a wrong type; a case.json that would not match
/// case.schema.json; a credential in a transcript that cannot be redacted; any I/O failure.
Result<Imported> import_case(const ImportOptions &options);

// ---- the pieces import is made of, shared with other writers of new cases (record) ------------

/// What a new case says for a provider, model or licence nothing names.
inline constexpr std::string_view kUnknown = "unknown";

/// The model named by the stream's first event that names one: `model` (chat chunks),
/// `message.model` (Anthropic message_start) or `response.model` (Responses API); empty when none.
std::string stream_model(std::string_view stream);

/// The API provider when a model name says it unambiguously (first-party model families only);
/// "unknown" otherwise.
std::string guess_provider(std::string_view model);

/// `kind:value` with value lower-cased and anything outside [a-z0-9._-] turned into '-' (a tag
/// case.schema.json accepts); nullopt when nothing usable is left or the value is "unknown".
std::optional<std::string> make_tag(std::string_view kind, std::string_view value);

/// A case.json `request` object: method (GET when empty), url, headers (repeated names joined
/// with ", "; omitted when there are none), body (as JSON when it parses, else as a string) and
/// text, each omitted when nullopt. Nothing is redacted here.
rapidjson::Document request_document(const std::string &method, const std::string &url,
                                     const std::vector<std::pair<std::string, std::string>> &headers,
                                     const std::optional<std::string> &body,
                                     const std::optional<std::string> &text);

/// Where case NAME goes under `corpus_dir`, or why it cannot go there: a bad NAME
/// (check_case_name), NAME exists without `force` ("already exists"), or exists but is not a
/// single case folder. Checks only; nothing is created.
Result<std::filesystem::path> check_case_target(const std::string &case_name,
                                                const std::filesystem::path &corpus_dir,
                                                bool force);

/// A new case, complete but for its expectations.
struct NewCase {
  std::string case_name;            ///< NAME, relative to corpus_dir
  std::filesystem::path corpus_dir; ///< DIR
  bool force = false;               ///< replace an existing case
  std::optional<std::filesystem::path> deviations; ///< default: deviations_path_for(the case)
  std::string culprit; ///< named in the error when the generated case.json is invalid
  std::vector<std::pair<std::string, std::string>> files; ///< besides case.json: name, bytes
  /// Returned when the reference result has no SSE event; without it such a case is written.
  std::optional<Error> no_events;
  /// false: the case is not blessed; it keeps the `expect` the document gives (import-crash
  /// writes {} = expectations pending, which `check` reports as failing until someone blesses).
  bool bless = true;
  /// When set, asked with the staged case folder (complete, not blessed yet) whether blessing in
  /// this process is safe; false leaves the expectations as with bless = false. import-crash asks a
  /// child process to bless first, so that a crash in the code under test cannot kill the writer.
  std::function<bool(const std::filesystem::path &staged)> may_bless;
};

struct WrittenCase {
  std::string case_id;
  std::filesystem::path dir;
  bool blessed = true; ///< false: expectations left as given (see NewCase::bless)
  Blessing blessing;   ///< empty when not blessed
};

/// Writes `doc` (a case.json with an empty `expect`) and nc.files as case NAME the way import does:
/// check_case_target, a staging folder beside the target, the files written and synced, the case
/// loaded (so case.json and everything it names is validated), blessed (bless_case with the
/// known deviations; unless nc.bless or nc.may_bless say not to), reloaded, and renamed into place. Any error leaves no case, no staging
/// folder and no parent folder it created behind.
Result<WrittenCase> write_new_case(const NewCase &nc, const rapidjson::Document &doc);

} // namespace harness::corpus

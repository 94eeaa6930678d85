#pragma once
// Where the harness's data folders are: the corpus, the schemas, the client adapters and the rule
// catalog ship beside the binary when installed (`meson install`: <prefix>/<datadir>/sse-harness/),
// and are read from the source tree by a binary run from its build folder.
#include <filesystem>
#include <string_view>

namespace harness {

/// The data folder `name` ("corpus", "schemas", "clients", "rules"), in this order:
///   1. the environment variable `env`, when it is set and not empty;
///   2. the installed copy: when this binary runs from <prefix>/<bindir> (as installed) and
///      <prefix>/<datadir>/sse-harness/<name> is a folder; a DESTDIR staging tree counts too;
///   3. `source`, the source tree's folder the build compiled in.
/// Options that name a folder (--corpus, PATH arguments) come before all of these; callers decide.
std::filesystem::path data_dir(std::string_view name, const char *env, const char *source);

/// Step 2 alone: the installed copy of `name`, or an empty path when this binary is not installed
/// or the folder is missing.
std::filesystem::path installed_data_dir(std::string_view name);

} // namespace harness

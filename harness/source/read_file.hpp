#pragma once
// Reading a whole file, byte for byte, with errors fit for the user.
#include <string>

#include "core/error.hpp"

namespace harness::source {

/// Every byte of the file at `path`, unchanged (binary mode: NUL bytes, CRs and invalid UTF-8 are
/// kept). Errors carry `path` as given in Error::file and say why in one sentence: "no such file",
/// "is a directory", or the system's reason (strerror) for a failed open or read.
/// An empty file is not an error here.
Result<std::string> read_file(const std::string &path);

} // namespace harness::source

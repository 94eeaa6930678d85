#pragma once
// Helpers shared by the source.*, corpus.* and schema.* tests: data paths injected by the build and
// scratch folders made fresh with mkdtemp.
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include "corpus/schemas.hpp"
#include "source/read_file.hpp"

namespace corpus_test {

namespace fs = std::filesystem;

inline const fs::path kCorpusDir = SSEH_CORPUS_DIR;
inline const fs::path kSchemasDir = SSEH_SCHEMAS_DIR;
inline const fs::path kSeed000Dir = kCorpusDir / "seeds" / "000_c359a6ca5f32f75d";
inline const fs::path kSeed004Dir = kCorpusDir / "seeds" / "004_424fe411654300b4";
inline const fs::path kSeed000File = kSeed000Dir / "000_c359a6ca5f32f75d.txt";
inline const fs::path kSeed004File = kSeed004Dir / "004_424fe411654300b4.txt";

/// Point the library at this checkout's schemas/ (the library's own default is a build setting).
inline void use_repo_schemas() {
  if (harness::corpus::schemas_dir() != kSchemasDir)
    harness::corpus::set_schemas_dir(kSchemasDir);
}

/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sseh-corpus-XXXXXX").string();
    if (::mkdtemp(pattern.data()))
      path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) {
      fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
      fs::remove_all(path_, ec);
    }
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const fs::path &path() const { return path_; }
  fs::path operator/(const fs::path &rel) const { return path_ / rel; }

private:
  fs::path path_;
};

/// Writes `bytes` to `path` exactly, creating parent folders.
inline void write_file(const fs::path &path, std::string_view bytes) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

/// The file's bytes, or "" when unreadable (the tests then fail on content).
inline std::string slurp(const fs::path &path) {
  auto bytes = harness::source::read_file(path.string());
  return bytes ? bytes.value() : std::string();
}

/// The smallest valid case.json naming `stream_file`.
inline std::string minimal_case_json(std::string_view stream_file,
                                     std::string_view capture = "raw") {
  return R"({"case_format": 1, "title": "t", "why": "w",
  "stream": {"file": ")" +
         std::string(stream_file) + R"(", "capture": ")" + std::string(capture) +
         R"("},
  "provenance": {"source": "test", "provider": "p", "model": "m", "licence": "CC0-1.0",
                 "reconstructed": false},
  "request": null, "dialect": "openai-chat", "tags": [], "expect": {}}
)";
}

/// A valid case folder at `dir` with a one-event stream.
inline void make_case(const fs::path &dir) {
  write_file(dir / "stream.sse", "data: {}\n\n");
  write_file(dir / "case.json", minimal_case_json("stream.sse"));
}

} // namespace corpus_test

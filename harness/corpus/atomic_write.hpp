#pragma once
// Writing to the corpus so that a reader (or a crash) never sees half a file or half a case: build
// aside under a hidden name, fsync, then rename() into place. Hidden names start with '.', which
// case discovery skips, so a leftover from a killed process is never taken for a case.
#include <filesystem>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace harness::corpus {

/// Writes `bytes` to `path` atomically: a temporary file in the same folder (".<name>.tmp-XXXXXX"),
/// fsync, rename() over `path`, fsync of the folder. On failure `path` is left as it was and the
/// temporary file is removed. Errors name `path` and give the system's reason.
Status write_file_atomic(const std::filesystem::path &path, std::string_view bytes);

/// Writes `bytes` to a new file `path` (which must not exist) and fsyncs it; no rename. For filling
/// a staging folder that is itself renamed into place.
Status write_new_file(const std::filesystem::path &path, std::string_view bytes);

/// fsyncs a folder, so that the names created or renamed in it are durable.
Status sync_dir(const std::filesystem::path &dir);

/// A hidden folder next to where a case will go, removed with its content on destruction unless
/// install() moved it into place. Create with make_staging().
class StagingDir {
public:
  StagingDir() = default;
  StagingDir(StagingDir &&other) noexcept;
  StagingDir &operator=(StagingDir &&other) noexcept;
  StagingDir(const StagingDir &) = delete;
  StagingDir &operator=(const StagingDir &) = delete;
  ~StagingDir();

  const std::filesystem::path &path() const { return path_; }

  /// Moves the staging folder to `target` with rename(). When `target` exists and `replace` is
  /// set, it is first renamed aside (".<name>.old-XXXXXX"), the new folder renamed in, and the old
  /// one removed; if renaming the new one in fails, the old one is renamed back. When `target`
  /// exists and `replace` is not set, nothing happens and the error says so. The parent folder is
  /// fsynced afterwards.
  Status install(const std::filesystem::path &target, bool replace);

private:
  friend Result<StagingDir> make_staging(const std::filesystem::path &target);
  std::filesystem::path path_;
};

/// Creates the staging folder for `target` in target's parent (".<name>.staging-XXXXXX"). The
/// parent must exist.
Result<StagingDir> make_staging(const std::filesystem::path &target);

} // namespace harness::corpus

#include "corpus/atomic_write.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

std::string reason(int err) { return std::strerror(err); }

Error sys_error(const fs::path &path, const std::string &what, int err) {
  return Error{path.string(), std::nullopt, what + ": " + reason(err)};
}

/// Writes all of `bytes` to `fd` and fsyncs it. Returns 0 or an errno value.
int write_all_and_sync(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return errno;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return ::fsync(fd) == 0 ? 0 : errno;
}

/// `dir`/.<name>.<kind>-XXXXXX as a mutable template for mkstemp/mkdtemp.
std::string hidden_template(const fs::path &target, const char *kind) {
  fs::path dir = target.parent_path();
  if (dir.empty())
    dir = ".";
  return (dir / ("." + target.filename().string() + "." + kind + "-XXXXXX")).string();
}

/// rename() that fails with EEXIST instead of replacing; plain rename() where the file system
/// does not support the flag.
int rename_noreplace(const fs::path &from, const fs::path &to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return -1;
  return ::rename(from.c_str(), to.c_str());
}

} // namespace

Status sync_dir(const fs::path &dir) {
  const fs::path d = dir.empty() ? fs::path(".") : dir;
  const int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return sys_error(d, "cannot open folder to sync it", errno);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) // some file systems cannot sync folders; nothing more to do there
    return sys_error(d, "cannot sync folder", err);
  return ok_status();
}

Status write_new_file(const fs::path &path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0)
    return sys_error(path, "cannot create", errno);
  const int err = write_all_and_sync(fd, bytes);
  if (::close(fd) != 0 && err == 0)
    return sys_error(path, "cannot write", errno);
  if (err != 0)
    return sys_error(path, "cannot write", err);
  return ok_status();
}

Status write_file_atomic(const fs::path &path, std::string_view bytes) {
  std::string tmp = hidden_template(path, "tmp");
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0)
    return sys_error(path, "cannot create a temporary file beside it", errno);
  // mkstemp makes the file 0600; keep the mode of the file being replaced, else 0644.
  struct stat st {};
  const mode_t mode = ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644;
  int err = ::fchmod(fd, mode) == 0 ? 0 : errno;
  if (err == 0)
    err = write_all_and_sync(fd, bytes);
  if (::close(fd) != 0 && err == 0)
    err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0)
    err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    return sys_error(path, "cannot write", err);
  }
  return sync_dir(path.parent_path());
}

StagingDir::StagingDir(StagingDir &&other) noexcept : path_(std::exchange(other.path_, {})) {}

StagingDir &StagingDir::operator=(StagingDir &&other) noexcept {
  if (this != &other) {
    std::error_code ec;
    if (!path_.empty())
      fs::remove_all(path_, ec);
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

StagingDir::~StagingDir() {
  std::error_code ec;
  if (!path_.empty())
    fs::remove_all(path_, ec);
}

Result<StagingDir> make_staging(const fs::path &target) {
  std::string tmpl = hidden_template(target, "staging");
  if (!::mkdtemp(tmpl.data()))
    return sys_error(target.parent_path(), "cannot create a staging folder", errno);
  StagingDir staging;
  staging.path_ = tmpl;
  // mkdtemp makes the folder 0700; a case folder is as readable as any other.
  if (::chmod(tmpl.c_str(), 0755) != 0)
    return sys_error(staging.path_, "cannot set permissions", errno);
  return staging;
}

Status StagingDir::install(const fs::path &target, bool replace) {
  if (path_.empty())
    return Error{target.string(), std::nullopt, "nothing staged"};
  if (Status s = sync_dir(path_); !s)
    return s;
  std::error_code ec;
  const bool exists = fs::symlink_status(target, ec).type() != fs::file_type::not_found;
  if (!exists) {
    // A plain rename() would silently replace an empty folder created meanwhile.
    if (rename_noreplace(path_, target) != 0)
      return sys_error(target, "cannot move the new case into place", errno);
    path_.clear();
    return sync_dir(target.parent_path());
  }
  if (!replace)
    return Error{target.string(), std::nullopt, "already exists"};

  std::string aside = hidden_template(target, "old");
  if (!::mkdtemp(aside.data()))
    return sys_error(target.parent_path(), "cannot create a folder to move the old case aside",
                     errno);
  // rename(dir, existing empty dir) replaces the empty one: the old case takes that name.
  if (::rename(target.c_str(), aside.c_str()) != 0) {
    const int err = errno;
    ::rmdir(aside.c_str());
    return sys_error(target, "cannot move the old case aside", err);
  }
  if (::rename(path_.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::rename(aside.c_str(), target.c_str()); // put the old case back
    return sys_error(target, "cannot move the new case into place", err);
  }
  path_.clear();
  Status synced = sync_dir(target.parent_path());
  fs::remove_all(aside, ec);
  if (ec)
    return Error{aside, std::nullopt,
                 "the new case is in place, but the old one could not be removed: " +
                     ec.message()};
  return synced;
}

} // namespace harness::corpus

#include "core/data_dir.hpp"

#include <cstdlib>
#include <system_error>
#include <vector>

// Relative to the install prefix, as meson's bindir and datadir options give them.
#ifndef SSEH_INSTALL_BINDIR
#define SSEH_INSTALL_BINDIR "bin"
#endif
#ifndef SSEH_INSTALL_DATADIR
#define SSEH_INSTALL_DATADIR "share/sse-harness"
#endif

namespace harness {

namespace fs = std::filesystem;

fs::path installed_data_dir(std::string_view name) {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec)
    return {};
  // Walk up from the binary's folder by bindir's components, checking each one's name.
  fs::path prefix = exe.parent_path();
  const fs::path bindir = fs::path(SSEH_INSTALL_BINDIR).relative_path();
  std::vector<fs::path> parts(bindir.begin(), bindir.end());
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (prefix.filename() != *it)
      return {};
    prefix = prefix.parent_path();
  }
  const fs::path dir = prefix / fs::path(SSEH_INSTALL_DATADIR).relative_path() / name;
  return fs::is_directory(dir, ec) ? dir : fs::path();
}

fs::path data_dir(std::string_view name, const char *env, const char *source) {
  if (const char *value = env ? std::getenv(env) : nullptr; value && *value)
    return value;
  if (fs::path installed = installed_data_dir(name); !installed.empty())
    return installed;
  return source;
}

} // namespace harness

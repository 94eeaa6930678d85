#include "source/read_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

namespace harness::source {

namespace {

struct FileCloser {
  void operator()(std::FILE *f) const { std::fclose(f); }
};

Error file_error(const std::string &path, std::string message) {
  return Error{path, std::nullopt, std::move(message)};
}

} // namespace

Result<std::string> read_file(const std::string &path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found)
    return file_error(path, "no such file");
  if (ec)
    return file_error(path, "cannot read: " + ec.message());
  if (st.type() == fs::file_type::directory)
    return file_error(path, "is a directory, not a file");

  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "rb"));
  if (!f)
    return file_error(path, std::string("cannot open: ") + std::strerror(errno));

  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    size_t n = std::fread(buffer, 1, sizeof buffer, f.get());
    bytes.append(buffer, n);
    if (n < sizeof buffer) {
      if (std::ferror(f.get()))
        return file_error(path, std::string("read error: ") + std::strerror(errno));
      break;
    }
  }
  return bytes;
}

} // namespace harness::source

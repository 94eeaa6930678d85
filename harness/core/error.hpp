#pragma once
// Errors are values: which file, where in it (when a byte offset applies) and why.
// The core never throws; exceptions stop at the CLI edge (cli/), which turns an Error into one line
// on stderr and exit code 2.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace harness {

struct Error {
  std::string file;                ///< path as the user named it; empty when no file is involved
  std::optional<uint64_t> offset;  ///< byte offset inside `file`, when one applies
  std::string message;             ///< one sentence, no trailing newline

  /// "file: byte N: message" (parts left out when empty), fit for one stderr line.
  std::string str() const;
};

/// Either a value or an Error. Small on purpose: no std::expected on g++ 12 / clang 14.
template <class T> class Result {
public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T &value() { return std::get<0>(v_); }
  const T &value() const { return std::get<0>(v_); }
  T &operator*() { return value(); }
  const T &operator*() const { return value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }
  const Error &error() const { return std::get<1>(v_); }

private:
  std::variant<T, Error> v_;
};

/// For operations that produce nothing but can fail.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

} // namespace harness

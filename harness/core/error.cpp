#include "core/error.hpp"

namespace harness {

std::string Error::str() const {
  std::string out;
  if (!file.empty())
    out += file + ": ";
  if (offset)
    out += "byte " + std::to_string(*offset) + ": ";
  out += message;
  return out;
}

} // namespace harness

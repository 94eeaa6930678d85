#include "sse/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace harness::sse {

namespace {

/// Decodes one step at p[0] (n > 0 bytes available). Returns how many bytes the step covers and
/// sets `ok`: either one well-formed character, or one maximal ill-formed subpart (which never
/// includes the byte that broke it).
size_t step(const unsigned char *p, size_t n, bool &ok) {
  const unsigned char b0 = p[0];
  ok = false;
  if (b0 < 0x80) {
    ok = true;
    return 1;
  }
  size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0)
      lo = 0xA0; // overlong
    if (b0 == 0xED)
      hi = 0x9F; // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0)
      lo = 0x90; // overlong
    if (b0 == 0xF4)
      hi = 0x8F; // above U+10FFFF
  } else {
    return 1; // a lone continuation byte, C0, C1 or F5..FF
  }
  for (size_t i = 1; i <= need; ++i) {
    if (i >= n || p[i] < lo || p[i] > hi)
      return i;
    lo = 0x80;
    hi = 0xBF;
  }
  ok = true;
  return need + 1;
}

} // namespace

size_t first_invalid_utf8(std::string_view bytes) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      // Mostly-ASCII lines: skip eight ASCII bytes at a time.
      while (n - i >= 8) {
        uint64_t word;
        std::memcpy(&word, p + i, 8);
        if ((word & 0x8080808080808080u) != 0)
          break;
        i += 8;
      }
      while (i < n && p[i] < 0x80)
        ++i;
      continue;
    }
    bool ok;
    const size_t len = step(p + i, n - i, ok);
    if (!ok)
      return i;
    i += len;
  }
  return std::string_view::npos;
}

void append_utf8_repaired(std::string &out, std::string_view bytes) {
  const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  size_t copied = 0; // bytes before i not yet appended
  while (i < n) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    bool ok;
    const size_t len = step(p + i, n - i, ok);
    if (!ok) {
      out.append(bytes.data() + copied, i - copied);
      out.append("\xEF\xBF\xBD");
      copied = i + len;
    }
    i += len;
  }
  out.append(bytes.data() + copied, n - copied);
}

} // namespace harness::sse

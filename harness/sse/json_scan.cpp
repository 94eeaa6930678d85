#include "sse/json_scan.hpp"

#include <array>

namespace harness::sse {

namespace {

enum : uint8_t { plain, quote, backslash, opener, closer, space };

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  t['"'] = quote;
  t['\\'] = backslash;
  t['{'] = opener;
  t['['] = opener;
  t['}'] = closer;
  t[']'] = closer;
  t[' '] = space;
  t['\t'] = space;
  t['\n'] = space;
  t['\r'] = space;
  return t;
}
constexpr std::array<uint8_t, 256> classes = make_classes();

uint8_t class_of(char c) {
  return classes[static_cast<unsigned char>(c)];
}

} // namespace

void JsonCompleteness::append(std::string_view bytes) {
  const char *p = bytes.data();
  const char *const end = p + bytes.size();
  while (p < end) {
    switch (state_) {
    case State::blank:
    case State::closed:
      while (p < end && class_of(*p) == space)
        ++p;
      if (p == end)
        return;
      if (state_ == State::blank && class_of(*p) == opener) {
        depth_ = 1;
        state_ = State::open;
        ++p;
      } else {
        state_ = State::other;
        return;
      }
      break;
    case State::open:
      if (escaped_) {
        escaped_ = false;
        ++p;
      } else if (in_string_) {
        // Only a quote or a backslash matters inside a string.
        while (p < end && class_of(*p) != quote && class_of(*p) != backslash)
          ++p;
        if (p == end)
          return;
        if (*p == '"')
          in_string_ = false;
        else
          escaped_ = true;
        ++p;
      } else {
        const char c = *p++;
        switch (class_of(c)) {
        case quote:
          in_string_ = true;
          break;
        case opener:
          ++depth_;
          break;
        case closer:
          if (--depth_ == 0)
            state_ = State::closed;
          break;
        default:
          break;
        }
      }
      break;
    case State::other:
      return;
    }
  }
}

} // namespace harness::sse

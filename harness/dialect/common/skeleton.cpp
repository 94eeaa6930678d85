#include "dialect/common/skeleton.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace harness::dialect {

namespace {

constexpr size_t kNotFound = std::numeric_limits<size_t>::max();

// The quote that closes a string literal whose contents start at `from`: the first '"' not escaped,
// i.e. not preceded (within the literal) by an odd run of backslashes. kNotFound when there is none.
size_t closing_quote(std::string_view s, size_t from) {
  size_t at = from;
  for (;;) {
    const void *q = std::memchr(s.data() + at, '"', s.size() - at);
    if (q == nullptr)
      return kNotFound;
    const size_t quote = static_cast<size_t>(static_cast<const char *>(q) - s.data());
    size_t run = 0;
    while (quote - run > from && s[quote - run - 1] == '\\')
      ++run;
    if (run % 2 == 0)
      return quote;
    at = quote + 1;
  }
}

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool number_byte(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

size_t number_end(std::string_view s, size_t from) {
  while (from < s.size() && number_byte(s[from]))
    ++from;
  return from;
}

size_t space_end(std::string_view s, size_t from) {
  while (from < s.size() && json_space(s[from]))
    ++from;
  return from;
}

// Length of the common prefix of a[0, n) and b[0, n), eight bytes at a time.
size_t common_prefix(const char *a, const char *b, size_t n) {
  size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 8 <= n; i += 8) {
      uint64_t x;
      uint64_t y;
      std::memcpy(&x, a + i, 8);
      std::memcpy(&y, b + i, 8);
      if (x != y) // the lowest differing bit is in the first differing byte
        return i + static_cast<size_t>(std::countr_zero(x ^ y) / 8);
    }
  }
  while (i < n && a[i] == b[i])
    ++i;
  return i;
}

// SAX handler for one standalone literal: a string is appended to `text`, a number becomes `number`
// through the Value constructor RapidJSON's own DOM handler uses for that event. Containers and
// the other literals cannot follow from a hole's framing, but would fail the parse.
struct LiteralHandler {
  std::string *text = nullptr;
  rapidjson::Value *number = nullptr;

  bool String(const char *s, rapidjson::SizeType n, bool) {
    if (text == nullptr)
      return false;
    text->append(s, n);
    return true;
  }
  template <class T> bool set(T v) {
    if (number == nullptr)
      return false;
    *number = rapidjson::Value(v);
    return true;
  }
  bool Int(int i) { return set(i); }
  bool Uint(unsigned u) { return set(u); }
  bool Int64(int64_t i) { return set(i); }
  bool Uint64(uint64_t u) { return set(u); }
  bool Double(double d) { return set(d); }
  bool Null() { return false; }
  bool Bool(bool) { return false; }
  bool RawNumber(const char *, rapidjson::SizeType, bool) { return false; }
  bool StartObject() { return false; }
  bool Key(const char *, rapidjson::SizeType, bool) { return false; }
  bool EndObject(rapidjson::SizeType) { return false; }
  bool StartArray() { return false; }
  bool EndArray(rapidjson::SizeType) { return false; }
};

// Digits of an integer token `-?(0|[1-9][0-9]*)` with at most `max_digits` digits; empty otherwise.
std::optional<std::string_view> integer_digits(std::string_view token, size_t max_digits) {
  std::string_view digits = token;
  if (!digits.empty() && digits.front() == '-')
    digits.remove_prefix(1);
  if (digits.empty() || digits.size() > max_digits || (digits.size() > 1 && digits[0] == '0'))
    return std::nullopt;
  for (const char c : digits)
    if (c < '0' || c > '9')
      return std::nullopt;
  return digits;
}

uint64_t digits_value(std::string_view digits) {
  uint64_t v = 0;
  for (const char c : digits)
    v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

} // namespace

bool Skeleton::assign(std::string_view payload, unsigned max_depth) {
  if (payload.size() >= std::numeric_limits<uint32_t>::max())
    return false;
  // The payload parsed, so outside string literals there is no '"': each quote found between
  // tokens opens a literal, which is a key when ':' follows it. A '-' or digit outside literals
  // starts a number (true, false and null have none).
  holes_.clear();
  const std::string_view p = payload;
  unsigned depth = 0;
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    if (c == '"') {
      const size_t close = closing_quote(p, i + 1);
      if (close == kNotFound)
        return false;
      const size_t after = space_end(p, close + 1);
      if (after == p.size() || p[after] != ':')
        holes_.push_back({static_cast<uint32_t>(i + 1), static_cast<uint32_t>(close),
                          HoleKind::string});
      i = close + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const size_t end = number_end(p, i);
      holes_.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), HoleKind::number});
      i = end;
    } else if (json_space(c)) {
      const size_t end = space_end(p, i);
      holes_.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), HoleKind::space});
      i = end;
    } else {
      if (c == '{' || c == '[') {
        if (++depth > max_depth)
          return false;
      } else if (c == '}' || c == ']') {
        --depth;
      }
      ++i;
    }
  }
  bytes_.assign(payload);
  commas_ = commas(payload);
  return true;
}

uint32_t Skeleton::commas(std::string_view payload) {
  uint32_t n = 0;
  size_t at = 0;
  while (at < payload.size()) {
    const void *q = std::memchr(payload.data() + at, '"', payload.size() - at);
    const size_t quote =
        q == nullptr ? payload.size() : static_cast<size_t>(static_cast<const char *>(q) - payload.data());
    n += static_cast<uint32_t>(std::count(payload.begin() + static_cast<std::ptrdiff_t>(at),
                                          payload.begin() + static_cast<std::ptrdiff_t>(quote), ','));
    if (quote == payload.size())
      break;
    const size_t close = closing_quote(payload, quote + 1);
    if (close == kNotFound)
      break;
    at = close + 1;
  }
  return n;
}

void Skeleton::forget_hole(size_t k) { holes_.erase(holes_.begin() + static_cast<std::ptrdiff_t>(k)); }

bool Skeleton::match(std::string_view payload, std::vector<HoleSpan> &spans) const {
  spans.clear();
  const std::string_view m = bytes_;
  size_t mi = 0; // position in the remembered payload
  size_t ni = 0; // the corresponding position in the new one
  // m[mi, equal_end) equals payload[ni, ...) byte for byte; equal_end is the first difference.
  size_t equal_end = 0;
  auto measure_equal_run = [&] {
    equal_end = mi + common_prefix(m.data() + mi, payload.data() + ni,
                                   std::min(m.size() - mi, payload.size() - ni));
  };
  measure_equal_run();
  for (const Hole &h : holes_) {
    if (h.end < equal_end) {
      // The hole and the byte that ends it are identical: the scan would stop at the same place,
      // and the contents are the remembered ones, which parsed.
      spans.push_back({static_cast<uint32_t>(ni + (h.begin - mi)),
                       static_cast<uint32_t>(ni + (h.end - mi)), true});
      ni += h.end - mi;
      mi = h.end;
      continue;
    }
    if (h.begin > equal_end) // a skeleton byte before the hole differs
      return false;
    ni += h.begin - mi;
    size_t end = 0;
    switch (h.kind) {
    case HoleKind::string:
      end = closing_quote(payload, ni);
      if (end == kNotFound)
        return false;
      break;
    case HoleKind::number:
      end = number_end(payload, ni);
      if (end == ni)
        return false;
      break;
    case HoleKind::space:
      end = space_end(payload, ni);
      break;
    }
    spans.push_back({static_cast<uint32_t>(ni), static_cast<uint32_t>(end), false});
    mi = h.end;
    ni = end;
    measure_equal_run();
  }
  return payload.size() - ni == m.size() - mi && equal_end == m.size();
}

// Eight bytes at a time; each test below is exact for the whole word (the classic "has a zero
// byte" / "has a byte less than n" bit tricks, n <= 128).
bool plain_string(std::string_view contents) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  auto has_less = [](uint64_t v, uint64_t n) { return ((v - kOnes * n) & ~v & kHigh) != 0; };
  const char *p = contents.data();
  size_t n = contents.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if ((w & kHigh) != 0 || has_less(w, 0x20) || has_zero(w ^ (kOnes * 0x7F)) ||
        has_zero(w ^ (kOnes * '"')) || has_zero(w ^ (kOnes * '\\')))
      return false;
  }
  for (; n > 0; ++p, --n) {
    const auto u = static_cast<unsigned char>(*p);
    if (u < 0x20 || u > 0x7E || u == '"' || u == '\\')
      return false;
  }
  return true;
}

std::optional<int64_t> short_integer(std::string_view token) {
  const auto digits = integer_digits(token, 15);
  if (!digits)
    return std::nullopt;
  const auto v = static_cast<int64_t>(digits_value(*digits));
  return token.front() == '-' ? -v : v;
}

bool LiteralParser::string(std::string_view literal, std::string &out) {
  LiteralHandler handler{&out, nullptr};
  rapidjson::MemoryStream stream(literal.data(), literal.size());
  const rapidjson::ParseResult r = reader_.Parse<json::kParseFlags>(stream, handler);
  return !r.IsError() && stream.Tell() == literal.size();
}

bool LiteralParser::number(std::string_view token, rapidjson::Value &out) {
  // Up to nine digits RapidJSON's ParseNumber never switches to 64 bits and calls Uint(value), or
  // Int(-value) after a minus (tests/json/skeleton_test.cpp holds this to the reader itself).
  if (const auto digits = integer_digits(token, 9)) {
    const auto v = static_cast<unsigned>(digits_value(*digits));
    if (token.front() == '-')
      out.SetInt(-static_cast<int>(v));
    else
      out.SetUint(v);
    return true;
  }
  LiteralHandler handler{nullptr, &out};
  rapidjson::MemoryStream stream(token.data(), token.size());
  const rapidjson::ParseResult r = reader_.Parse<json::kParseFlags>(stream, handler);
  return !r.IsError() && stream.Tell() == token.size();
}

} // namespace harness::dialect

#include "dialect/chat/shape_memo.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace harness::chat {

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

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A hole that is its own decoded value: printable ASCII without the two characters that start an
// escape or end the literal. Eight bytes at a time; each test below is exact for the whole word
// (the classic "has a zero byte" / "has a byte less than n" bit tricks, n <= 128).
bool plain(std::string_view hole) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return ((v - kOnes) & ~v & kHigh) != 0; };
  auto has_less = [](uint64_t v, uint64_t n) { return ((v - kOnes * n) & ~v & kHigh) != 0; };
  const char *p = hole.data();
  size_t n = hole.size();
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

// SAX handler for one standalone string literal: appends its decoded value to `out`. Any other
// event cannot happen for input framed by two quotes, but would abort the parse.
struct LiteralHandler {
  std::string &out;
  bool String(const char *s, rapidjson::SizeType n, bool) {
    out.append(s, n);
    return true;
  }
  bool Null() { return false; }
  bool Bool(bool) { return false; }
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char *, rapidjson::SizeType, bool) { return false; }
  bool StartObject() { return false; }
  bool Key(const char *, rapidjson::SizeType, bool) { return false; }
  bool EndObject(rapidjson::SizeType) { return false; }
  bool StartArray() { return false; }
  bool EndArray(rapidjson::SizeType) { return false; }
};

} // namespace

ShapeMemo::ShapeMemo(unsigned shapes) : shapes_(std::clamp(shapes, 1u, kMaxShapes)) {
  order_.resize(shapes_.size());
  for (size_t i = 0; i < order_.size(); ++i)
    order_[i] = static_cast<uint32_t>(i);
}

void ShapeMemo::touch(size_t order_position) {
  std::rotate(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(order_position),
              order_.begin() + static_cast<std::ptrdiff_t>(order_position) + 1);
}

bool ShapeMemo::skeleton_matches(const Shape &shape, std::string_view payload) {
  spans_.clear();
  const std::string_view m = shape.bytes;
  size_t mi = 0; // position in the remembered payload
  size_t ni = 0; // the corresponding position in the new one
  // m[mi, equal_end) equals payload[ni, ...) byte for byte; equal_end is the first difference.
  size_t equal_end = 0;
  auto measure_equal_run = [&] {
    equal_end = mi + common_prefix(m.data() + mi, payload.data() + ni,
                                   std::min(m.size() - mi, payload.size() - ni));
  };
  measure_equal_run();
  for (const Hole &h : shape.holes) {
    if (h.end < equal_end) {
      // Skeleton bytes, hole and closing quote all identical: the closing-quote scan would stop at
      // the same place, and the literal is the remembered one, which parsed.
      spans_.push_back({static_cast<uint32_t>(ni + (h.begin - mi)),
                        static_cast<uint32_t>(ni + (h.end - mi)), true});
      ni += h.end - mi;
      mi = h.end;
      continue;
    }
    if (h.begin > equal_end) // a skeleton byte before the opening quote differs
      return false;
    ni += h.begin - mi;
    const size_t close = closing_quote(payload, ni);
    if (close == kNotFound)
      return false;
    spans_.push_back({static_cast<uint32_t>(ni), static_cast<uint32_t>(close), false});
    mi = h.end;
    ni = close;
    measure_equal_run();
  }
  return payload.size() - ni == m.size() - mi && equal_end == m.size();
}

bool ShapeMemo::decode_literal(std::string_view literal) {
  LiteralHandler handler{decoded_};
  rapidjson::MemoryStream stream(literal.data(), literal.size());
  const rapidjson::ParseResult r = reader_.Parse<json::kParseFlags>(stream, handler);
  return !r.IsError() && stream.Tell() == literal.size();
}

bool ShapeMemo::bind_holes(Shape &shape, std::string_view payload) {
  decoded_.clear();
  fixups_.clear();
  bool header_as_stored = true;
  for (size_t k = 0; k < spans_.size(); ++k) {
    const auto [begin, end, same] = spans_[k];
    const Hole &h = shape.holes[k];
    if (h.header && !same)
      header_as_stored = false;
    const Slot slot = h.slot;
    const std::string_view hole = payload.substr(begin, end - begin);
    // A hole identical to the remembered literal is valid and has the same value; most holes (id,
    // model, fingerprint) are of this kind.
    if ((same && (h.plain || slot == kNoSlot)) || plain(hole)) {
      if (slot != kNoSlot)
        shape.chunk.values[static_cast<size_t>(slot)] = hole;
      continue;
    }
    ++stats_.parsed_holes;
    const size_t at = decoded_.size();
    // The literal with its own quotes: payload[begin - 1] is the skeleton's opening quote.
    if (!decode_literal(payload.substr(begin - 1, end - begin + 2)))
      return false;
    if (slot != kNoSlot)
      fixups_.push_back({slot, {at, decoded_.size() - at}});
  }
  // Views into decoded_ are taken only now: appending may have moved its buffer.
  const std::string_view all = decoded_;
  for (const auto &[slot, range] : fixups_)
    shape.chunk.values[static_cast<size_t>(slot)] = all.substr(range.first, range.second);
  shape.chunk.header_as_stored = header_as_stored;
  return true;
}

bool ShapeMemo::worth_trying() {
  if (miss_streak_ < kMissesBeforeBackoff)
    return true;
  if (++since_probe_ < kProbeInterval) {
    ++stats_.bypassed;
    return false;
  }
  since_probe_ = 0;
  return true;
}

const DecodedChunk *ShapeMemo::lookup(std::string_view payload) {
  for (size_t i = 0; i < order_.size(); ++i) {
    Shape &shape = shapes_[order_[i]];
    if (!shape.valid || !skeleton_matches(shape, payload))
      continue;
    // Only one shape can match a valid payload; an invalid hole means the full parse must say why.
    if (!bind_holes(shape, payload))
      break;
    touch(i);
    ++stats_.hits;
    miss_streak_ = 0;
    return &shape.chunk;
  }
  ++miss_streak_;
  return nullptr;
}

const DecodedChunk *ShapeMemo::store(std::string_view payload,
                                     const std::vector<Slot> &value_slots, DecodedChunk &chunk) {
  if (payload.size() >= std::numeric_limits<uint32_t>::max())
    return nullptr;
  // The payload parsed, so outside string literals there is no '"': each quote found from a position
  // between literals opens one. A literal followed by ':' is a key.
  lexed_.clear();
  size_t at = 0;
  size_t next_value = 0;
  for (;;) {
    const void *q = std::memchr(payload.data() + at, '"', payload.size() - at);
    if (q == nullptr)
      break;
    const size_t begin = static_cast<size_t>(static_cast<const char *>(q) - payload.data()) + 1;
    const size_t close = closing_quote(payload, begin);
    if (close == kNotFound)
      return nullptr;
    size_t after = close + 1;
    while (after < payload.size() && json_space(payload[after]))
      ++after;
    at = close + 1;
    if (after < payload.size() && payload[after] == ':')
      continue;
    if (next_value == value_slots.size())
      return nullptr;
    const Slot slot = value_slots[next_value++];
    const bool header =
        slot != kNoSlot && (slot == chunk.id || slot == chunk.model || slot == chunk.object);
    lexed_.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(close), slot,
                      plain(payload.substr(begin, close - begin)), header});
  }
  if (next_value != value_slots.size())
    return nullptr;

  const size_t victim_position = order_.size() - 1;
  Shape &shape = shapes_[order_[victim_position]];
  shape.bytes.assign(payload);
  shape.holes.swap(lexed_);
  std::swap(shape.chunk, chunk);
  shape.chunk.memo_serial = ++last_serial_;
  shape.chunk.header_as_stored = true; // it is the stored payload
  shape.valid = true;
  touch(victim_position);
  ++stats_.stored;
  return &shape.chunk;
}

} // namespace harness::chat

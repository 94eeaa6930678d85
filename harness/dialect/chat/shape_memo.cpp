#include "dialect/chat/shape_memo.hpp"

#include <algorithm>

namespace harness::chat {

ShapeMemo::ShapeMemo(unsigned shapes)
    : shapes_(std::clamp(shapes, 1u, kMaxShapes)), policy_(shapes_.size()) {}

bool ShapeMemo::bind_holes(Shape &shape, std::string_view payload) {
  decoded_.clear();
  fixups_.clear();
  bool header_as_stored = true;
  const std::vector<dialect::Hole> &holes = shape.skeleton.holes();
  for (size_t k = 0; k < spans_.size(); ++k) {
    const auto [begin, end, same] = spans_[k];
    const HoleUse &use = shape.uses[k];
    const std::string_view hole = payload.substr(begin, end - begin);
    switch (holes[k].kind) {
    case dialect::HoleKind::space:
      break;
    case dialect::HoleKind::number:
      if (std::optional<int64_t> *field = shape.chunk.integer(use.field)) {
        if (same) {
          *field = use.number; // an earlier hit may have written another value
        } else if (const auto v = dialect::short_integer(hole)) {
          *field = *v;
        } else {
          return false;
        }
      } else if (!same && !dialect::short_integer(hole)) {
        return false;
      }
      break;
    case dialect::HoleKind::string: {
      if (use.header && !same)
        header_as_stored = false;
      const Slot slot = use.slot;
      // A hole identical to the remembered literal is valid and has the same value; most holes
      // (id, model, fingerprint) are of this kind.
      if ((same && (use.plain || slot == kNoSlot)) || dialect::plain_string(hole)) {
        if (slot != kNoSlot)
          shape.chunk.values[static_cast<size_t>(slot)] = hole;
        break;
      }
      ++stats_.parsed_holes;
      const size_t at = decoded_.size();
      // The literal with its own quotes: payload[begin - 1] is the skeleton's opening quote.
      if (!literal_.string(payload.substr(begin - 1, end - begin + 2), decoded_))
        return false;
      if (slot != kNoSlot)
        fixups_.push_back({slot, {at, decoded_.size() - at}});
      break;
    }
    }
  }
  // Views into decoded_ are taken only now: appending may have moved its buffer.
  const std::string_view all = decoded_;
  for (const auto &[slot, range] : fixups_)
    shape.chunk.values[static_cast<size_t>(slot)] = all.substr(range.first, range.second);
  shape.chunk.header_as_stored = header_as_stored;
  return true;
}

const DecodedChunk *ShapeMemo::lookup(std::string_view payload) {
  for (size_t i = 0; i < policy_.size(); ++i) {
    Shape &shape = shapes_[policy_.at(i)];
    if (!shape.valid || !shape.skeleton.match(payload, spans_))
      continue;
    // Only one shape can match a valid payload; an invalid hole means the full parse must say why.
    if (!bind_holes(shape, payload))
      break;
    policy_.touch(i);
    policy_.hit(stats_);
    return &shape.chunk;
  }
  policy_.miss();
  return nullptr;
}

bool ShapeMemo::map_holes(Shape &shape, std::string_view payload,
                          const std::vector<Slot> &value_slots,
                          const std::vector<NumberField> &number_fields, DecodedChunk &chunk) {
  // Deeper nesting would only be skeleton; the bound keeps a lexed payload's cost linear.
  constexpr unsigned kMaxDepth = 64;
  dialect::Skeleton &skeleton = shape.skeleton;
  if (!skeleton.assign(payload, kMaxDepth))
    return false;
  shape.uses.clear();
  size_t next_string = 0;
  size_t next_number = 0;
  // Number holes that must stay skeleton, found first and forgotten afterwards (from the back, so
  // the indexes stay right).
  std::vector<size_t> &fixed = fixed_;
  fixed.clear();
  const std::vector<dialect::Hole> &holes = skeleton.holes();
  for (size_t k = 0; k < holes.size(); ++k) {
    const dialect::Hole &h = holes[k];
    const std::string_view bytes = payload.substr(h.begin, h.end - h.begin);
    HoleUse use;
    if (h.kind == dialect::HoleKind::string) {
      if (next_string == value_slots.size())
        return false;
      use.slot = value_slots[next_string++];
      use.plain = dialect::plain_string(bytes);
      use.header = use.slot != kNoSlot &&
                   (use.slot == chunk.id || use.slot == chunk.model || use.slot == chunk.object);
    } else if (h.kind == dialect::HoleKind::number) {
      if (next_number == number_fields.size())
        return false;
      use.field = number_fields[next_number++];
      const auto v = dialect::short_integer(bytes);
      const std::optional<int64_t> *field = chunk.integer(use.field);
      // A number meant for a choice or tool call the decoded chunk does not hold (the reader
      // recorded it before the entry it names was placed) cannot be rebound: no shape.
      if (field == nullptr && use.field.kind != NumberField::Kind::none)
        return false;
      if (!v || (field != nullptr && *field != v)) {
        fixed.push_back(k);
        continue;
      }
      use.number = *v;
    }
    shape.uses.push_back(use);
  }
  if (next_string != value_slots.size() || next_number != number_fields.size())
    return false;
  for (auto k = fixed.rbegin(); k != fixed.rend(); ++k)
    skeleton.forget_hole(*k);
  return true;
}

const DecodedChunk *ShapeMemo::store(std::string_view payload,
                                     const std::vector<Slot> &value_slots,
                                     const std::vector<NumberField> &number_fields,
                                     DecodedChunk &chunk) {
  const size_t victim = policy_.victim();
  Shape &shape = shapes_[policy_.at(victim)];
  shape.valid = false;
  if (!map_holes(shape, payload, value_slots, number_fields, chunk))
    return nullptr;
  std::swap(shape.chunk, chunk);
  shape.chunk.memo_serial = ++last_serial_;
  shape.chunk.header_as_stored = true; // it is the stored payload
  shape.valid = true;
  policy_.touch(victim);
  ++stats_.stored;
  return &shape.chunk;
}

} // namespace harness::chat

#include "dialect/common/document_memo.hpp"

#include <algorithm>
#include <optional>

namespace harness::dialect {

namespace {

// The string and number values of `v` in document order (object members' values, not their names).
// Depth is bounded by Skeleton::assign's max_depth.
void collect_values(rapidjson::Value &v, std::vector<rapidjson::Value *> &out) {
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
      collect_values(it->value, out);
  } else if (v.IsArray()) {
    for (auto it = v.Begin(); it != v.End(); ++it)
      collect_values(*it, out);
  } else if (v.IsString() || v.IsNumber()) {
    out.push_back(&v);
  }
}

} // namespace

struct DocumentMemo::Shape {
  Skeleton skeleton;
  rapidjson::Document doc;
  std::vector<rapidjson::Value *> values; ///< per hole: its value in doc; nullptr for space
  std::vector<rapidjson::Value> numbers;  ///< per hole: a number hole's remembered value
  std::vector<bool> plain;                ///< per hole: a string hole that is its own value
  bool valid = false;
};

ParseOutcome full_parse(std::string_view data, rapidjson::Document &doc) {
  rapidjson::MemoryStream stream(data.data(), data.size());
  doc.ParseStream<json::kParseFlags>(stream);
  ParseOutcome out;
  if (doc.HasParseError()) {
    out.error_offset = doc.GetErrorOffset();
    out.message = rapidjson::GetParseError_En(doc.GetParseError());
  } else if (stream.Tell() != data.size()) {
    out.error_offset = stream.Tell();
    out.message = rapidjson::GetParseError_En(rapidjson::kParseErrorDocumentRootNotSingular);
  } else {
    out.valid = true;
  }
  return out;
}

DocumentMemo::DocumentMemo(unsigned shapes) : policy_(std::min(shapes, kMaxShapes)) {
  for (size_t i = 0; i < policy_.size(); ++i)
    shapes_.push_back(std::make_unique<Shape>());
}

DocumentMemo::~DocumentMemo() = default;

bool DocumentMemo::rebind(Shape &shape, std::string_view data) {
  decoded_.clear();
  fixups_.clear();
  const std::vector<Hole> &holes = shape.skeleton.holes();
  for (size_t k = 0; k < spans_.size(); ++k) {
    const auto [begin, end, same] = spans_[k];
    rapidjson::Value *value = shape.values[k];
    const std::string_view contents = data.substr(begin, end - begin);
    switch (holes[k].kind) {
    case HoleKind::space:
      break;
    case HoleKind::string:
      if ((same && shape.plain[k]) || plain_string(contents)) {
        value->SetString(rapidjson::StringRef(
            contents.data(), static_cast<rapidjson::SizeType>(contents.size())));
      } else {
        ++stats_.parsed_holes;
        const size_t at = decoded_.size();
        // The literal with its own quotes: data[begin - 1] is the skeleton's opening quote.
        if (!literal_.string(data.substr(begin - 1, end - begin + 2), decoded_))
          return false;
        fixups_.push_back({value, {at, decoded_.size() - at}});
      }
      break;
    case HoleKind::number:
      if (same) {
        value->CopyFrom(shape.numbers[k], shape.doc.GetAllocator());
      } else {
        ++stats_.parsed_holes;
        if (!literal_.number(contents, *value))
          return false;
      }
      break;
    }
  }
  // References into decoded_ are taken only now: appending may have moved its buffer.
  for (const auto &[value, range] : fixups_)
    value->SetString(rapidjson::StringRef(decoded_.data() + range.first,
                                          static_cast<rapidjson::SizeType>(range.second)));
  return true;
}

const rapidjson::Document *DocumentMemo::store(std::string_view data,
                                               rapidjson::Document &parsed) {
  Shape &shape = *shapes_[policy_.at(policy_.victim())];
  shape.valid = false;
  if (!shape.skeleton.assign(data, kMaxDepth))
    return nullptr;
  std::vector<rapidjson::Value *> &values = collected_;
  values.clear();
  collect_values(parsed, values);
  const std::vector<Hole> &holes = shape.skeleton.holes();
  shape.values.assign(holes.size(), nullptr);
  shape.numbers.resize(holes.size());
  shape.plain.assign(holes.size(), false);
  size_t next = 0;
  for (size_t k = 0; k < holes.size(); ++k) {
    if (holes[k].kind == HoleKind::space)
      continue;
    if (next == values.size())
      return nullptr;
    rapidjson::Value *v = values[next++];
    if (v->IsString() != (holes[k].kind == HoleKind::string))
      return nullptr;
    shape.values[k] = v;
    if (v->IsNumber())
      shape.numbers[k].CopyFrom(*v, parsed.GetAllocator());
    else
      shape.plain[k] = plain_string(data.substr(holes[k].begin, holes[k].end - holes[k].begin));
  }
  if (next != values.size())
    return nullptr;
  // Values inside the tree live in the allocator's storage, which moves with the swap; the root
  // value itself is the document object.
  shape.doc.Swap(parsed);
  std::replace(shape.values.begin(), shape.values.end(), static_cast<rapidjson::Value *>(&parsed),
               static_cast<rapidjson::Value *>(&shape.doc));
  shape.valid = true;
  policy_.touch(policy_.victim());
  ++stats_.stored;
  return &shape.doc;
}

const rapidjson::Document *DocumentMemo::parse(std::string_view data, ParseOutcome &outcome) {
  const bool try_memo = policy_.size() > 0 && policy_.worth_trying(stats_);
  if (try_memo) {
    // Counted only once the most recently used shape failed (Skeleton::commas: speed only).
    std::optional<uint32_t> commas;
    for (size_t i = 0; i < policy_.size(); ++i) {
      Shape &shape = *shapes_[policy_.at(i)];
      if (!shape.valid)
        continue;
      if (i > 0) {
        if (!commas)
          commas = Skeleton::commas(data);
        if (*commas != shape.skeleton.commas())
          continue;
      }
      if (!shape.skeleton.match(data, spans_))
        continue;
      // Only one shape can match a valid payload; an invalid hole means the full parse must say why.
      if (!rebind(shape, data))
        break;
      policy_.touch(i);
      policy_.hit(stats_);
      outcome = ParseOutcome{true, 0, {}};
      return &shape.doc;
    }
    policy_.miss();
  }
  ++stats_.full_parses;
  rapidjson::Document parsed;
  outcome = full_parse(data, parsed);
  if (!outcome.valid)
    return nullptr;
  if (try_memo)
    if (const rapidjson::Document *stored = store(data, parsed))
      return stored;
  scratch_.Swap(parsed);
  return &scratch_;
}

} // namespace harness::dialect

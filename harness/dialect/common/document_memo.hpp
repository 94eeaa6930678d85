#pragma once
// Event data as a RapidJSON DOM, with a per-stream shape memo: the fast path of the decoders that
// read each payload as a document (Anthropic Messages, the Responses API).
//
// After a full parse the memo remembers the payload's skeleton (common/skeleton.hpp: value strings,
// numbers and whitespace runs are holes) together with the document and, for each string and
// number hole, the value it became. A later payload whose skeleton matches and whose holes are all
// valid (skeleton.hpp, conditions (1) and (2)) gets the remembered document back with every hole's
// value rebound:
//   string  a reference to the hole's bytes when they are printable ASCII without '"' and '\'
//           (the decoded value is the bytes), else to the value RapidJSON decodes from the literal
//           alone;
//   number  the remembered value when the token is the remembered one, else the Value RapidJSON's
//           own DOM handler builds for the token read alone (same Int/Uint/Int64/Uint64/Double
//           event, same constructor).
// By skeleton.hpp's argument a full parse of the new payload emits the remembered events but for
// those values, and a DOM is a function of the events, so the document equals the full parse's:
// same types, members in the same order (repeated keys included), same strings and numbers. The
// one difference is invisible to readers: a rebound string refers to the payload (or the memo's
// buffer) instead of a copy in the document's allocator. Anything else — a skeleton byte that
// differs, an invalid hole — goes to the full parse, which remembers the new shape (evicting the
// least recently used) or reports the precise error.
//
// Memory stays flat: at most `shapes` documents are kept, each replaced whole when evicted, and a
// hit allocates nothing in a document (rebound strings are references).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dialect/common/memo_policy.hpp"
#include "dialect/common/memo_stats.hpp"
#include "dialect/common/skeleton.hpp"
#include "json/rapidjson.hpp"

namespace harness::dialect {

struct ParseOutcome {
  bool valid = false;
  uint64_t error_offset = 0; ///< invalid: the byte of the data where RapidJSON stopped
  std::string message;       ///< invalid: RapidJSON's English text for the error
};

/// The full parse: `data` into `doc` with json::kParseFlags. A NUL byte ends RapidJSON's input, so
/// bytes after one make the data invalid (RapidJSON alone would accept it).
ParseOutcome full_parse(std::string_view data, rapidjson::Document &doc);

class DocumentMemo {
public:
  /// More shapes only make misses slower: every remembered shape is tried before a full parse.
  static constexpr unsigned kMaxShapes = 16;
  /// What the decoders use: Responses output_text deltas with logprobs change shape with the
  /// token's byte count (a shape per length; Skeleton::commas keeps trying them cheap).
  static constexpr unsigned kDefaultShapes = 16;
  /// Deeper payloads are not remembered (finding the holes' values recurses).
  static constexpr unsigned kMaxDepth = 64;

  /// Remembers up to `shapes` skeletons (at most kMaxShapes); 0 turns the memo off: every payload
  /// gets the full parse.
  explicit DocumentMemo(unsigned shapes);
  ~DocumentMemo();
  DocumentMemo(const DocumentMemo &) = delete;
  DocumentMemo &operator=(const DocumentMemo &) = delete;

  /// The document full_parse() would build from `data`, or nullptr with `outcome` saying why the
  /// data is not JSON. The document is valid until the next call and only while `data`'s bytes
  /// live.
  const rapidjson::Document *parse(std::string_view data, ParseOutcome &outcome);

  const MemoStats &stats() const { return stats_; }

private:
  struct Shape;
  bool rebind(Shape &shape, std::string_view data);
  /// Remembers `data`, fully parsed into `parsed`, in the least recently used shape: the document
  /// moves there and is returned; nullptr when the shape cannot be remembered (`parsed` intact).
  const rapidjson::Document *store(std::string_view data, rapidjson::Document &parsed);

  std::vector<std::unique_ptr<Shape>> shapes_;
  MemoPolicy policy_;
  MemoStats stats_;
  rapidjson::Document scratch_; ///< a full parse that was not remembered

  // Scratch, kept for capacity.
  std::vector<HoleSpan> spans_;
  std::string decoded_; ///< decoded escaped/non-ASCII string holes
  std::vector<std::pair<rapidjson::Value *, std::pair<size_t, size_t>>> fixups_;
  std::vector<rapidjson::Value *> collected_; ///< a stored document's string and number values
  LiteralParser literal_;
};

} // namespace harness::dialect

#pragma once
// The event being built from the lines of one block, plus what outlives blocks (the last event id,
// the dispatch count), shared by the WHATWG-based parsers. Owns the sink calls, so every event and
// finding carries consistent indexes.
//
// Data storage is the hot path: the first data line of a block is kept as a view into the caller's
// feed while that feed lasts; the bytes are copied into an owned buffer only when a second data
// line arrives, when the value does not live in the feed (carried or repaired), or when the feed
// ends before the block does (settle()). A typical `data: {...}` + blank line inside one feed is
// never copied.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/finding.hpp"
#include "rules/catalog.hpp"
#include "sse/parser.hpp"

namespace harness::sse {

class EventBuilder {
public:
  explicit EventBuilder(EventSink &sink) : sink_(sink) {}

  /// Marks the block as started at `line_offset` by a known field line; only the first call of a
  /// block counts. Comments, blank and ignored lines do not start a block.
  void start(uint64_t line_offset) {
    if (!started_) {
      started_ = true;
      block_offset_ = line_offset;
    }
  }
  bool started() const { return started_; }
  uint64_t block_offset() const { return block_offset_; }

  /// Appends one data line's value. `in_feed`: the value lives in the current feed (see Line), so
  /// it may be kept as a view until settle(); otherwise it is copied now.
  void add_data(std::string_view value, uint64_t value_offset, bool in_feed);
  bool has_data() const { return data_lines_ != 0; }
  /// The data lines so far, joined by LF (no trailing LF); valid until the next change.
  std::string_view data() const { return viewing_ ? view_ : std::string_view(owned_); }
  uint64_t data_lines() const { return data_lines_; }
  /// Forgets the data lines of this block (the block itself stays started).
  void clear_data() { data_lines_ = 0; }

  /// The `event` field: the type of this block's event; empty means "message".
  void set_type(std::string_view type) { type_.assign(type); }
  /// Whether this block has set a non-empty event type so far.
  bool has_type() const { return !type_.empty(); }
  /// The `id` field, already checked for NUL by the caller; persists across blocks.
  void set_last_id(std::string_view id) { last_id_.assign(id); }
  /// An accepted `retry` field: the value the block's event carries (Event::retry); the block's
  /// last one counts. Cleared by dispatch.
  void set_retry(uint64_t milliseconds) { retry_ = std::to_string(milliseconds); }

  /// The feed is about to end: copy a data view out of it.
  void settle();

  /// End of block: calls on_event when there is data (and returns true), then starts a new block
  /// (type and data cleared, last id kept).
  bool dispatch();

  /// Reports a finding about the event being built (event = the index it will get).
  void report(const rules::Rule &rule, uint64_t offset, std::string_view message);

  uint64_t next_index() const { return index_; }

  /// Between feeds (after settle(); see Parser::copy_state): becomes an exact copy of `other`'s
  /// pending event, last id and dispatch count; the sink stays this builder's.
  void copy_state(const EventBuilder &other);
  /// Between feeds: the same block start (when started), data lines (count, first value offset,
  /// bytes), type, retry, last id and next index.
  bool same_state(const EventBuilder &other) const;

private:
  EventSink &sink_;
  bool started_ = false;
  uint64_t block_offset_ = 0;
  uint64_t data_offset_ = 0;
  uint64_t data_lines_ = 0;
  bool viewing_ = false; ///< the data is view_ (one line, in the feed), not owned_
  std::string_view view_;
  std::string owned_; ///< data lines joined by LF
  std::string type_;
  std::string retry_; ///< this block's accepted retry value, decimal; empty when none
  std::string last_id_;
  uint64_t index_ = 0;
};

} // namespace harness::sse

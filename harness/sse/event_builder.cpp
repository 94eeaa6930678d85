#include "sse/event_builder.hpp"

namespace harness::sse {

void EventBuilder::add_data(std::string_view value, uint64_t value_offset, bool in_feed) {
  if (data_lines_ == 0) {
    data_offset_ = value_offset;
    viewing_ = in_feed;
    if (in_feed)
      view_ = value;
    else
      owned_.assign(value);
  } else {
    settle();
    owned_.push_back('\n');
    owned_.append(value);
  }
  ++data_lines_;
}

void EventBuilder::settle() {
  if (viewing_) {
    owned_.assign(view_);
    viewing_ = false;
  }
}

bool EventBuilder::dispatch() {
  const bool has = data_lines_ != 0;
  if (has) {
    Event event;
    event.type = type_.empty() ? std::string_view("message") : std::string_view(type_);
    event.data = data();
    event.id = last_id_;
    event.index = index_++;
    event.offset = block_offset_;
    event.data_offset = data_offset_;
    event.retry = retry_;
    sink_.on_event(event);
  }
  started_ = false;
  data_lines_ = 0;
  viewing_ = false;
  type_.clear();
  retry_.clear();
  return has;
}

void EventBuilder::report(const rules::Rule &rule, uint64_t offset, std::string_view message) {
  sink_.on_finding(rules::make_finding(rule, offset, index_, std::string(message)));
}

void EventBuilder::copy_state(const EventBuilder &other) {
  started_ = other.started_;
  block_offset_ = other.block_offset_;
  data_offset_ = other.data_offset_;
  data_lines_ = other.data_lines_;
  viewing_ = false;
  if (data_lines_ != 0)
    owned_.assign(other.data());
  type_ = other.type_;
  retry_ = other.retry_;
  last_id_ = other.last_id_;
  index_ = other.index_;
}

bool EventBuilder::same_state(const EventBuilder &other) const {
  // The block offset is read only while a block is started, the data offset and bytes only while
  // there are data lines (stale values stay behind after a dispatch).
  return started_ == other.started_ && (!started_ || block_offset_ == other.block_offset_) &&
         data_lines_ == other.data_lines_ &&
         (data_lines_ == 0 || (data_offset_ == other.data_offset_ && data() == other.data())) &&
         type_ == other.type_ && retry_ == other.retry_ && last_id_ == other.last_id_ && index_ == other.index_;
}

} // namespace harness::sse

#include "profiles/sdk_lines.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "rules/catalog.hpp"
#include "sse/bom.hpp"
#include "sse/utf8.hpp"

namespace harness::profiles {

SdkLineParser::SdkLineParser(sse::EventSink &sink, const LineRules &rules)
    : sink_(sink), rules_(rules), scanner_(rules.ends) {}

void SdkLineParser::feed(std::string_view bytes) {
  scanner_.begin_feed(bytes);
  sse::Line line;
  while (scanner_.next(line))
    on_line(line.text, line.offset);
}

void SdkLineParser::finish() {
  sse::Line tail;
  if (scanner_.take_tail(tail))
    on_line(tail.text, tail.offset);
  if (rules_.dispatch_at_end && !stopped_)
    on_blank_line(block_offset_); // a block to dispatch has started: its offset is used
}

void SdkLineParser::mark_block(uint64_t offset) {
  if (!block_started_) {
    block_started_ = true;
    block_offset_ = offset;
  }
}

void SdkLineParser::on_line(std::string_view text, uint64_t offset) {
  if (stopped_)
    return;
  if (rules_.drop_cr_before_lf && !text.empty() && text.back() == '\r')
    text.remove_suffix(1);

  switch (rules_.text) {
  case LineRules::Text::strict_utf8:
    if (const PythonUtf8Check check = python_utf8_check(text); !check.ok) {
      sink_.on_finding(rules::make_finding(rules::sse_invalid_utf8, offset + check.position, index_,
                                           check.message));
      stopped_ = true;
      return;
    }
    break;
  case LineRules::Text::replace_per_line:
    if (sse::starts_with_bom(text)) {
      text.remove_prefix(sse::utf8_bom.size());
      offset += sse::utf8_bom.size();
    }
    if (sse::first_invalid_utf8(text) != std::string_view::npos) {
      decoded_.clear();
      sse::append_utf8_repaired(decoded_, text);
      text = decoded_; // the field name, when it is a known one, is ASCII: positions still match
    }
    break;
  case LineRules::Text::raw:
    break;
  }

  if (text.empty()) {
    on_blank_line(offset);
    return;
  }
  if (text[0] == ':')
    return; // comment (Go: an empty field name)

  const size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  size_t value_pos = colon == std::string_view::npos ? text.size() : colon + 1;
  if (value_pos < text.size() && text[value_pos] == ' ')
    ++value_pos;
  const std::string_view value = text.substr(value_pos);

  if (name == "event") {
    mark_block(offset);
    type_.assign(value);
  } else if (name == "data") {
    mark_block(offset);
    if (data_lines_ == 0)
      data_offset_ = offset + value_pos;
    else if (!rules_.newline_after_each_data_line)
      data_ += '\n';
    data_.append(value);
    if (rules_.newline_after_each_data_line)
      data_ += '\n';
    ++data_lines_;
  } else if (rules_.id_and_retry && name == "id") {
    if (value.find('\0') == std::string_view::npos) {
      mark_block(offset);
      last_id_.assign(value);
    }
  } else if (rules_.id_and_retry && name == "retry") {
    if (python_int_accepts(value)) {
      mark_block(offset);
      retry_ = python_int_text(value);
    }
  }
}

void SdkLineParser::on_blank_line(uint64_t offset) {
  bool dispatch = false;
  switch (rules_.dispatch) {
  case LineRules::Dispatch::any_field:
    dispatch = !type_.empty() || data_lines_ > 0 || !last_id_.empty() || !retry_.empty();
    break;
  case LineRules::Dispatch::event_or_data:
    dispatch = !type_.empty() || data_lines_ > 0;
    break;
  case LineRules::Dispatch::data_only:
    dispatch = data_lines_ > 0;
    break;
  }
  if (dispatch) {
    sse::Event event;
    event.type = type_;
    event.data = data_;
    event.id = rules_.id_and_retry ? std::string_view(last_id_) : std::string_view();
    event.index = index_++;
    event.offset = block_started_ ? block_offset_ : offset;
    event.data_offset = data_lines_ > 0 ? data_offset_ : event.offset;
    event.retry = retry_;
    sink_.on_event(event);
  }
  // Without a dispatch every SDK's pending state is already empty (or, for Go, reset here), so
  // clearing it unconditionally changes nothing it would see. The last event id is kept.
  block_started_ = false;
  data_lines_ = 0;
  data_.clear();
  type_.clear();
  retry_.clear();
}

bool SdkLineParser::copy_state(const sse::Parser &other) {
  const auto *o = dynamic_cast<const SdkLineParser *>(&other);
  if (!o)
    return false;
  rules_ = o->rules_;
  scanner_.copy_state(o->scanner_);
  stopped_ = o->stopped_;
  block_started_ = o->block_started_;
  block_offset_ = o->block_offset_;
  data_offset_ = o->data_offset_;
  data_lines_ = o->data_lines_;
  data_ = o->data_;
  type_ = o->type_;
  retry_ = o->retry_;
  last_id_ = o->last_id_;
  index_ = o->index_;
  return true;
}

bool SdkLineParser::same_state(const sse::Parser &other) const {
  const auto *o = dynamic_cast<const SdkLineParser *>(&other);
  // The block offset is read only while a block is started, the data offset only while there are
  // data lines; the data bytes are cleared with the block, so they are compared as they are.
  return o && rules_ == o->rules_ && scanner_.same_state(o->scanner_) && stopped_ == o->stopped_ &&
         block_started_ == o->block_started_ &&
         (!block_started_ || block_offset_ == o->block_offset_) &&
         data_lines_ == o->data_lines_ && (data_lines_ == 0 || data_offset_ == o->data_offset_) &&
         data_ == o->data_ && type_ == o->type_ && retry_ == o->retry_ &&
         last_id_ == o->last_id_ && index_ == o->index_;
}

std::unique_ptr<sse::Parser> make_sdk_line_parser(sse::EventSink &sink, const LineRules &rules) {
  return std::make_unique<SdkLineParser>(sink, rules);
}

bool python_int_accepts(std::string_view value) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || (c >= '\x1c' && c <= '\x1f');
  };
  while (!value.empty() && space(value.front()))
    value.remove_prefix(1);
  while (!value.empty() && space(value.back()))
    value.remove_suffix(1);
  if (!value.empty() && (value.front() == '+' || value.front() == '-'))
    value.remove_prefix(1);
  if (value.empty())
    return false;
  bool after_digit = false;
  for (const char c : value) {
    if (c >= '0' && c <= '9') {
      after_digit = true;
    } else if (c == '_' && after_digit) {
      after_digit = false;
    } else {
      return false;
    }
  }
  return after_digit;
}

std::string python_int_text(std::string_view value) {
  // `value` is accepted: at most one sign; spaces, '+' and underscores carry no digits.
  bool negative = false;
  std::string digits;
  for (const char c : value) {
    if (c == '-')
      negative = true;
    else if (c >= '0' && c <= '9' && !(digits.empty() && c == '0'))
      digits += c;
  }
  if (digits.empty())
    return "0";
  return negative ? "-" + digits : digits;
}

namespace {

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

} // namespace

// CPython's UTF-8 decoder (Objects/stringlib/codecs.h, utf8_decode, and the error branch of
// unicode_decode_utf8): a bad lead byte is "invalid start byte" (one byte); a lead byte whose
// k-th follower is not allowed is "invalid continuation byte" covering the k-1 bytes before that
// follower; a sequence cut off by the end of the line is "unexpected end of data" covering the
// rest of the line.
PythonUtf8Check python_utf8_check(std::string_view line) {
  const auto *s = reinterpret_cast<const unsigned char *>(line.data());
  const size_t n = line.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the first follower
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
    const char *reason = nullptr;
    size_t length = 1; // bytes the error covers
    if (need == 0) {
      reason = "invalid start byte";
    } else {
      for (size_t k = 1; k <= need; ++k) {
        if (i + k >= n) {
          reason = "unexpected end of data";
          length = n - i;
          break;
        }
        const unsigned char f = s[i + k];
        const bool ok = k == 1 ? (f >= lo && f <= hi) : is_utf8_continuation(f);
        if (!ok) {
          reason = "invalid continuation byte";
          length = k;
          break;
        }
      }
      if (!reason) {
        i += need + 1;
        continue;
      }
    }
    PythonUtf8Check out;
    out.ok = false;
    out.position = i;
    if (length == 1)
      out.message = "'utf-8' codec can't decode byte " + hex_byte(c) + " in position " +
                    std::to_string(i) + ": " + reason;
    else
      out.message = "'utf-8' codec can't decode bytes in position " + std::to_string(i) + "-" +
                    std::to_string(i + length - 1) + ": " + reason;
    return out;
  }
  return {};
}

} // namespace harness::profiles

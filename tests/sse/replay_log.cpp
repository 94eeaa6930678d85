#include "sse/replay_log.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include <doctest/doctest.h>

#include "sse/parser.hpp"

namespace harness::sse::test {

namespace {

/// Readable pages followed by one PROT_NONE page; chunks are placed to end right at the guard.
class GuardedBuffer {
public:
  explicit GuardedBuffer(size_t capacity) {
    page_ = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    size_ = (capacity / page_ + 1) * page_;
    void *p =
        mmap(nullptr, size_ + page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(p != MAP_FAILED);
    base_ = static_cast<char *>(p);
    REQUIRE(mprotect(base_ + size_, page_, PROT_NONE) == 0);
  }
  ~GuardedBuffer() { munmap(base_, size_ + page_); }
  GuardedBuffer(const GuardedBuffer &) = delete;
  GuardedBuffer &operator=(const GuardedBuffer &) = delete;

  /// A copy of `bytes` whose last byte is the last readable byte.
  std::string_view place(std::string_view bytes) {
    REQUIRE(bytes.size() <= size_);
    char *at = base_ + size_ - bytes.size();
    if (!bytes.empty())
      std::memcpy(at, bytes.data(), bytes.size());
    return {at, bytes.size()};
  }
  void scribble(std::string_view placed) {
    std::memset(const_cast<char *>(placed.data()), '#', placed.size());
  }

private:
  char *base_ = nullptr;
  size_t size_ = 0;
  size_t page_ = 0;
};

class LogSink final : public EventSink {
public:
  std::string log;
  void on_event(const Event &e) override {
    log += event_line(e.index, e.offset, e.data_offset, e.data, e.type, e.id);
  }
  void on_finding(Finding f) override {
    log += finding_line(f.rule, to_string(f.severity), f.offset, f.event);
  }
};

const ParserInfo &parser_named(std::string_view name) {
  const ParserInfo *info = find_parser(name);
  REQUIRE(info != nullptr);
  return *info;
}

/// Feeds `input` cut at `cuts` (ascending positions) through the guarded buffer.
std::string run(const ParserInfo &info, GuardedBuffer &buffer, std::string_view input,
                const std::vector<size_t> &cuts, bool empty_feeds) {
  LogSink sink;
  std::unique_ptr<Parser> parser = info.make(sink);
  size_t from = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    const size_t to = i < cuts.size() ? cuts[i] : input.size();
    if (empty_feeds) {
      parser->feed(std::string_view());
      parser->feed(buffer.place(std::string_view()));
    }
    const std::string_view chunk = buffer.place(input.substr(from, to - from));
    parser->feed(chunk);
    buffer.scribble(chunk);
    from = to;
  }
  parser->finish();
  return sink.log;
}

std::string describe(const std::vector<size_t> &cuts) {
  std::string s = "cuts at";
  for (size_t c : cuts)
    s += " " + std::to_string(c);
  return s;
}

} // namespace

std::string escape(std::string_view bytes) {
  std::string out;
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\0':
      out += "\\0";
      break;
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    default:
      if (c < 0x20 || c >= 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        out += hex;
      } else {
        out += ch;
      }
    }
  }
  return out;
}

std::string event_line(uint64_t index, uint64_t offset, uint64_t data_offset, std::string_view data,
                       std::string_view type, std::string_view id) {
  return "event index=" + std::to_string(index) + " offset=" + std::to_string(offset) +
         " data_offset=" + std::to_string(data_offset) + " type=" + escape(type) + " id=\"" +
         escape(id) + "\" data=\"" + escape(data) + "\"\n";
}

std::string finding_line(std::string_view rule, std::string_view severity, uint64_t offset,
                         uint64_t event) {
  return "finding " + std::string(rule) + " " + std::string(severity) +
         " offset=" + std::to_string(offset) + " event=" + std::to_string(event) + "\n";
}

std::string log_of_chunks(std::string_view name, const std::vector<std::string_view> &chunks) {
  const ParserInfo &info = parser_named(name);
  std::string input;
  std::vector<size_t> cuts;
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i > 0)
      cuts.push_back(input.size());
    input += chunks[i];
  }
  GuardedBuffer buffer(input.size());
  return run(info, buffer, input, cuts, false);
}

ReplayResult replay_all_splits(std::string_view name, std::string_view input) {
  const ParserInfo &info = parser_named(name);
  GuardedBuffer buffer(input.size());
  ReplayResult result;
  result.log = run(info, buffer, input, {}, false);
  auto compare = [&](const std::vector<size_t> &cuts, bool empty_feeds) {
    if (!result.mismatch.empty())
      return;
    const std::string log = run(info, buffer, input, cuts, empty_feeds);
    if (log != result.log)
      result.mismatch =
          describe(cuts) + (empty_feeds ? " (with empty feeds)" : "") + " gave:\n" + log;
  };
  std::vector<size_t> bytewise;
  for (size_t i = 1; i < input.size(); ++i)
    bytewise.push_back(i);
  compare(bytewise, true);
  for (size_t i = 0; i <= input.size(); ++i)
    compare({i}, false);
  if (input.size() <= 40)
    for (size_t i = 0; i <= input.size(); ++i)
      for (size_t j = i; j <= input.size(); ++j)
        compare({i, j}, false);
  return result;
}

void check_log(std::string_view name, std::string_view input, std::string_view expected) {
  INFO("parser: ", std::string(name), "\ninput: \"", escape(input), "\"");
  const ReplayResult r = replay_all_splits(name, input);
  CHECK_MESSAGE(r.mismatch.empty(), r.mismatch, "\nwhole input gave:\n", r.log);
  CHECK(r.log == expected);
}

} // namespace harness::sse::test

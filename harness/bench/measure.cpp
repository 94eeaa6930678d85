#include "bench/measure.hpp"

#include <cstring>
#include <sys/resource.h>
#include <time.h>

#include "json/rapidjson.hpp"
#include "pipeline/replay.hpp"

namespace harness::bench {

namespace {

constexpr uint64_t kFeed = 64 * 1024;

/// CPU time of this thread: other processes on the machine slow a figure less than wall time would.
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// Times `runs` runs of `repeat` calls of once(); keeps the fastest run.
template <class F>
Figure best_of(std::string name, uint64_t stream_bytes, const Runs &runs, F &&once) {
  Figure f{std::move(name), 0, 0};
  const uint64_t bytes = stream_bytes * runs.repeat;
  for (int i = 0; i < runs.runs; ++i) {
    const double t0 = thread_seconds();
    f.count = 0;
    for (uint64_t r = 0; r < runs.repeat; ++r)
      f.count += once();
    const double s = thread_seconds() - t0;
    f.mb_per_s = std::max(f.mb_per_s, s > 0 ? static_cast<double>(bytes) / s / 1e6 : 0.0);
  }
  return f;
}

class CountingSink final : public sse::EventSink {
public:
  void on_event(const sse::Event &e) override {
    ++events;
    bytes += e.data.size();
  }
  void on_finding(Finding) override { ++findings; }
  uint64_t events = 0, bytes = 0, findings = 0;
};

struct NullHandler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, NullHandler> {};

} // namespace

Figure memchr_scan(std::string_view stream, const Runs &runs) {
  return best_of("memchr newline scan", stream.size(), runs, [&] {
    uint64_t n = 0;
    const char *p = stream.data();
    const char *end = p + stream.size();
    while ((p = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
      ++p;
      ++n;
    }
    return n;
  });
}

Figure framing(std::string_view stream, const sse::ParserInfo &parser, const Runs &runs) {
  return best_of("framing " + std::string(parser.name), stream.size(), runs, [&] {
    CountingSink sink;
    auto p = parser.make(sink);
    for (uint64_t pos = 0; pos < stream.size(); pos += kFeed)
      p->feed(stream.substr(pos, kFeed));
    p->finish();
    return sink.events;
  });
}

Figure rapidjson_parse_only(std::string_view stream, const Runs &runs) {
  std::vector<std::string_view> payloads;
  for (size_t pos = 0; pos < stream.size();) {
    size_t end = stream.find('\n', pos);
    if (end == std::string_view::npos)
      end = stream.size();
    const auto line = stream.substr(pos, end - pos);
    if (line.substr(0, 6) == "data: " && line != "data: [DONE]")
      payloads.push_back(line.substr(6));
    pos = end + 1;
  }
  return best_of("rapidjson parse-only", stream.size(), runs, [&] {
    rapidjson::Reader reader;
    NullHandler handler;
    std::string scratch;
    uint64_t ok = 0;
    for (auto p : payloads) {
      scratch.assign(p);
      rapidjson::StringStream in(scratch.c_str());
      ok += !reader.Parse<json::kParseFlags>(in, handler).IsError();
    }
    return ok;
  });
}

Figure pipeline(std::string_view stream, std::string_view dialect, const sse::ParserInfo &parser,
                const Runs &runs) {
  return best_of("pipeline " + std::string(parser.name), stream.size(), runs, [&] {
    const auto &impl = *pipeline::find_implementation(parser.name);
    const auto r = pipeline::replay(stream, impl, dialect,
                                    split::Split{split::Split::Kind::bytes, kFeed});
    return r.events;
  });
}

uint64_t peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<uint64_t>(u.ru_maxrss);
}

} // namespace harness::bench

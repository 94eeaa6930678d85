#include "fuzz/seeds_events.hpp"

#include "sse/whole_stream.hpp"

namespace harness::fuzz {

StreamEvents parse_events(std::string_view stream) {
  StreamEvents out;
  sse::each_tolerant_event(stream, [&](const sse::Event &e) {
    out.offsets.push_back(e.offset);
    out.types.emplace_back(e.type);
    out.data.emplace_back(e.data);
  });
  return out;
}

} // namespace harness::fuzz

#include "pipeline/replay.hpp"

#include <stdexcept>
#include <string>

namespace harness::pipeline {

namespace {

std::unique_ptr<dialect::Decoder> decoder_for(const Implementation &impl,
                                              std::string_view dialect) {
  auto decoder = make_decoder(impl, dialect);
  if (!decoder)
    throw std::invalid_argument(std::string(impl.name) + " does not handle the " +
                                std::string(dialect) + " dialect");
  return decoder;
}

} // namespace

void run_parser(std::string_view stream, const Implementation &impl, const split::Split &split,
                sse::EventSink &sink) {
  auto p = impl.make_parser(sink);
  split::for_each_feed(split, stream, [&](std::string_view slice) { p->feed(slice); });
  p->finish();
}

StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split) {
  auto decoder = decoder_for(impl, dialect);
  run_parser(stream, impl, split, *decoder);
  return decoder->finish();
}

LoggedReplay replay_logged(std::string_view stream, const Implementation &impl,
                           std::string_view dialect, const split::Split &split) {
  auto decoder = decoder_for(impl, dialect);
  LoggedReplay out;
  EventRecorder recorder(*decoder, out.events);
  run_parser(stream, impl, split, recorder);
  out.result = decoder->finish();
  return out;
}

} // namespace harness::pipeline

#include "pipeline/replay.hpp"

#include <stdexcept>
#include <string>

namespace harness::pipeline {

StreamResult replay(std::string_view stream, const Implementation &impl, std::string_view dialect,
                    const split::Split &split) {
  auto decoder = impl.make_decoder(dialect);
  if (!decoder)
    throw std::invalid_argument(std::string(impl.name) + " does not handle the " +
                                std::string(dialect) + " dialect");
  auto p = impl.make_parser(*decoder);
  split::for_each_feed(split, stream, [&](std::string_view slice) { p->feed(slice); });
  p->finish();
  return decoder->finish();
}

} // namespace harness::pipeline

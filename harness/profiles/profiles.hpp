#pragma once
// Models of how widely used client SDKs reassemble streams (see pipeline/implementation.hpp).
#include <span>

#include "pipeline/implementation.hpp"

namespace harness::profiles {

/// Every SDK profile, in a fixed order.
std::span<const pipeline::Implementation> profile_implementations();

} // namespace harness::profiles

// PLACEHOLDER until the SDK profiles land: no profiles.
#include "profiles/profiles.hpp"

namespace harness::profiles {

std::span<const pipeline::Implementation> profile_implementations() { return {}; }

} // namespace harness::profiles

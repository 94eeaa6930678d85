#include "profiles/profiles.hpp"

#include <array>

#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

std::span<const pipeline::Implementation> profile_implementations() {
  // One explicit, ordered table (self-registration would be dropped by the linker).
  static const std::array<pipeline::Implementation, 5> table = {
      openai_python_profile(),
      openai_node_profile(),
      openai_go_profile(),
      litellm_profile(),
      google_genai_profile(),
  };
  return table;
}

} // namespace harness::profiles

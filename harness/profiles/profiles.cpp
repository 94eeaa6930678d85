#include "profiles/profiles.hpp"

#include <array>

#include "profiles/sdk_profiles.hpp"

namespace harness::profiles {

std::span<const pipeline::Implementation> profile_implementations() {
  // One explicit, ordered table (self-registration would be dropped by the linker).
  // Chat profiles first, then the Responses, Anthropic Messages and Gemini ones.
  static const std::array<pipeline::Implementation, 9> table = {
      openai_python_profile(),
      openai_node_profile(),
      openai_go_profile(),
      litellm_profile(),
      openai_python_responses_profile(),
      openai_node_responses_profile(),
      anthropic_python_profile(),
      anthropic_node_profile(),
      google_genai_profile(),
  };
  return table;
}

} // namespace harness::profiles

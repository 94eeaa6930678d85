#pragma once
// The SDK profiles, one file each; profiles.cpp lists them in one table.
#include "pipeline/implementation.hpp"

namespace harness::profiles {

pipeline::Implementation openai_python_profile(); ///< openai_python.cpp
pipeline::Implementation openai_node_profile();   ///< openai_node.cpp
pipeline::Implementation openai_go_profile();     ///< openai_go.cpp
pipeline::Implementation litellm_profile();       ///< litellm.cpp
pipeline::Implementation google_genai_profile();  ///< google_genai.cpp (gemini only)

} // namespace harness::profiles

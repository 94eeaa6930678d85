#pragma once
// The SDK profiles, one file each; profiles.cpp lists them in one table.
#include "pipeline/implementation.hpp"

namespace harness::profiles {

pipeline::Implementation openai_python_profile(); ///< openai_python.cpp
pipeline::Implementation openai_node_profile();   ///< openai_node.cpp
pipeline::Implementation openai_go_profile();     ///< openai_go.cpp
pipeline::Implementation litellm_profile();       ///< litellm.cpp
pipeline::Implementation openai_python_responses_profile(); ///< openai_python_responses.cpp
pipeline::Implementation openai_node_responses_profile();   ///< openai_node_responses.cpp
pipeline::Implementation anthropic_python_profile();        ///< anthropic_python.cpp
pipeline::Implementation anthropic_node_profile();          ///< anthropic_node.cpp
pipeline::Implementation google_genai_profile();            ///< google_genai.cpp (gemini only)

} // namespace harness::profiles

#pragma once
// The one header that configures RapidJSON; nothing else includes <rapidjson/...> directly.
//
// Parse flags are fixed here: iterative parsing (the default recursive parser overflows the stack on
// ~1M nested '[') and encoding validation (without it invalid UTF-8 is accepted silently).
#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
#if defined(__SSE2__) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif

#include <string_view>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <rapidjson/prettywriter.h>

namespace harness::json {

inline constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

/// A JSON string holding a copy of `s` (any bytes, embedded NULs included).
inline rapidjson::Value string_value(std::string_view s,
                                     rapidjson::Document::AllocatorType &alloc) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

} // namespace harness::json

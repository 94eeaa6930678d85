#pragma once
// The one header that configures RapidJSON; nothing else includes <rapidjson/...> directly.
//
// Parse flags are fixed here: iterative parsing (the default recursive parser overflows the stack on
// ~1M nested '[') and encoding validation (without it invalid UTF-8 is accepted silently).
#ifndef RAPIDJSON_HAS_STDSTRING
#define RAPIDJSON_HAS_STDSTRING 1
#endif
// RAPIDJSON_SSE2 stays off: RapidJSON 1.1.0's SSE2 string scans treat only bytes up to 0x19 as
// control characters, so the reader accepts raw 0x1A-0x1F inside strings of 16 bytes or more
// (invalid JSON) and the writer emits them unescaped (fuzz target decoder-openai-chat found it
// through a comment line holding 0x1E). tests/json/rapidjson_test.cpp holds both to the spec.

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

/// The value of member `key` of `object`; nullptr when `object` is not an object or has no such
/// member (the key may hold any bytes, NUL included).
inline const rapidjson::Value *member(const rapidjson::Value &object, std::string_view key) {
  if (!object.IsObject())
    return nullptr;
  auto it = object.FindMember(rapidjson::Value(
      rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  return it == object.MemberEnd() ? nullptr : &it->value;
}

} // namespace harness::json

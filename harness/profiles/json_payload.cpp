#include "profiles/json_payload.hpp"

#include <cctype>
#include <cstdio>

#include "core/text.hpp"
#include "sse/bom.hpp"
#include "sse/utf8.hpp"

namespace harness::profiles {

namespace {

using rapidjson::ParseErrorCode;

// ---- text positions ----

/// Code points in text[0, end) (Python's str index).
size_t code_points(std::string_view text, size_t end) {
  size_t n = 0;
  for (size_t i = 0; i < end && i < text.size(); ++i)
    n += is_utf8_continuation(static_cast<unsigned char>(text[i])) ? 0 : 1;
  return n;
}

/// UTF-16 code units in text[0, end) (a JavaScript string index).
size_t utf16_units(std::string_view text, size_t end) {
  size_t n = 0;
  for (size_t i = 0; i < end && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!is_utf8_continuation(c))
      n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

/// The bytes of the code point starting at `at` (one byte when `at` is not a lead byte).
std::string_view code_point_at(std::string_view text, size_t at) {
  size_t end = at + 1;
  while (end < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[end])))
    ++end;
  return text.substr(at, end - at);
}

/// Bytes from `from`, at most `count` code points.
std::string_view code_point_span(std::string_view text, size_t from, size_t count) {
  size_t end = from;
  while (end < text.size() && count > 0) {
    end += code_point_at(text, end).size();
    --count;
  }
  return text.substr(from, end - from);
}

/// Where a byte offset sits in the document's syntax: what Python and V8 need to pick a message.
struct Syntax {
  bool in_string = false;
  size_t string_start = 0; ///< the opening quote of the string `at` is in (or the last one)
  size_t depth = 0;        ///< open objects and arrays
  char last = 0;           ///< the last non-blank byte outside strings before `at`
};

Syntax syntax_at(std::string_view text, size_t at) {
  Syntax s;
  bool escape = false;
  for (size_t i = 0; i < at && i < text.size(); ++i) {
    const char c = text[i];
    if (s.in_string) {
      if (escape)
        escape = false;
      else if (c == '\\')
        escape = true;
      else if (c == '"')
        s.in_string = false;
      continue;
    }
    if (c == '"') {
      s.in_string = true;
      s.string_start = i;
    } else if (c == '{' || c == '[') {
      ++s.depth;
    } else if ((c == '}' || c == ']') && s.depth > 0) {
      --s.depth;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      s.last = c;
  }
  return s;
}

// ---- CPython json.decoder ----

std::string python_message(std::string_view text, ParseErrorCode code, size_t p) {
  const Syntax syntax = syntax_at(text, p);
  std::string msg = "Expecting value";
  size_t pos = p;
  switch (code) {
  case rapidjson::kParseErrorDocumentRootNotSingular:
    msg = "Extra data";
    break;
  case rapidjson::kParseErrorObjectMissName:
    msg = "Expecting property name enclosed in double quotes";
    break;
  case rapidjson::kParseErrorObjectMissColon:
    msg = "Expecting ':' delimiter";
    break;
  case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
  case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
    msg = "Expecting ',' delimiter";
    break;
  case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
    msg = "Invalid \\uXXXX escape";
    break;
  case rapidjson::kParseErrorStringEscapeInvalid:
    msg = p < text.size() && text[p] == '\\' ? "Invalid \\escape" : "Invalid control character at";
    break;
  case rapidjson::kParseErrorStringMissQuotationMark:
    if (p >= text.size()) {
      msg = "Unterminated string starting at";
      pos = syntax_at(text, text.size()).string_start;
    } else {
      msg = "Invalid control character at"; // a NUL byte, where RapidJSON stops reading
    }
    break;
  case rapidjson::kParseErrorStringInvalidEncoding:
    msg = "Invalid control character at";
    break;
  case rapidjson::kParseErrorNumberMissFraction:
  case rapidjson::kParseErrorNumberMissExponent: {
    // Python's number scanner stops before the '.' or 'e' and complains about what follows.
    size_t back = p;
    while (back > 0 && text[back - 1] != '.' && text[back - 1] != 'e' && text[back - 1] != 'E')
      --back;
    pos = back > 0 ? back - 1 : p;
    msg = syntax.depth == 0 ? "Extra data" : "Expecting ',' delimiter";
    break;
  }
  default:
    break;
  }
  const size_t chars = code_points(text, pos);
  size_t line = 1, last_newline_chars = 0;
  bool newline = false;
  for (size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      newline = true;
      last_newline_chars = code_points(text, i);
    }
  const size_t column = newline ? chars - last_newline_chars : chars + 1;
  return msg + ": line " + std::to_string(line) + " column " + std::to_string(column) + " (char " +
         std::to_string(chars) + ")";
}

// ---- V8 JsonParser (message-template.h texts, Node 22) ----

/// "<msg> in JSON at position N (line L column C)"; `msg` may already end in "after JSON".
std::string v8_positional(std::string_view text, std::string_view msg, size_t p) {
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < p && i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < p && text[i + 1] == '\n')
      ++i; // CRLF is one line break
    if (text[i] == '\r' || text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const size_t column = 1 + utf16_units(text, p) - utf16_units(text, line_start);
  const bool after_json = msg.size() >= 10 && msg.substr(msg.size() - 10) == "after JSON";
  return std::string(msg) + (after_json ? " at position " : " in JSON at position ") +
         std::to_string(utf16_units(text, p)) + " (line " + std::to_string(line) + " column " +
         std::to_string(column) + ")";
}

std::string v8_unexpected_token(std::string_view text, size_t p) {
  // JsonParser::ReportUnexpectedToken: the whole source when it is shorter than 21 characters,
  // otherwise 10 characters of context on each side of the error, with "..." where it was cut.
  constexpr size_t kContext = 10;
  const std::string token(code_point_at(text, p));
  const size_t length = code_points(text, text.size());
  const size_t pos = code_points(text, p);
  std::string out = "Unexpected token '" + token + "', ";
  if (length < 2 * kContext + 1) {
    out += "\"" + std::string(text) + "\"";
  } else if (pos < kContext) {
    out += "\"" + std::string(code_point_span(text, 0, pos + kContext)) + "\"...";
  } else {
    size_t from = 0;
    for (size_t skipped = 0; skipped < pos - kContext; ++skipped)
      from += code_point_at(text, from).size();
    if (pos < length - kContext)
      out += "...\"" + std::string(code_point_span(text, from, 2 * kContext)) + "\"...";
    else
      out += "...\"" + std::string(text.substr(from)) + "\"";
  }
  return out + " is not valid JSON";
}

std::string v8_message(std::string_view text, ParseErrorCode code, size_t p) {
  if (text == "undefined" || text == "NaN" || text == "Infinity" || text == "[object Object]")
    return "\"" + std::string(text) + "\" is not valid JSON";
  if (p >= text.size())
    return "Unexpected end of JSON input";
  const char c = text[p];
  switch (code) {
  case rapidjson::kParseErrorDocumentRootNotSingular:
  case rapidjson::kParseErrorObjectMissName:
  case rapidjson::kParseErrorObjectMissColon:
  case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
  case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
    // A whole string or number where another token was due is named as such.
    if (c == '"')
      return v8_positional(text, "Unexpected string", p);
    if (c == '-' || (c >= '0' && c <= '9'))
      return v8_positional(text, "Unexpected number", p);
    break;
  default:
    break;
  }
  switch (code) {
  case rapidjson::kParseErrorDocumentEmpty:
  case rapidjson::kParseErrorValueInvalid:
    if (c == '-')
      return p + 1 >= text.size() ? "Unexpected end of JSON input"
                                  : v8_positional(text, "No number after minus sign", p + 1);
    return v8_unexpected_token(text, p);
  case rapidjson::kParseErrorDocumentRootNotSingular:
    return v8_positional(text, "Unexpected non-whitespace character after JSON", p);
  case rapidjson::kParseErrorObjectMissName:
    return v8_positional(text,
                         syntax_at(text, p).last == ',' ? "Expected double-quoted property name"
                                                        : "Expected property name or '}'",
                         p);
  case rapidjson::kParseErrorObjectMissColon:
    return v8_positional(text, "Expected ':' after property name", p);
  case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
    return v8_positional(text, "Expected ',' or '}' after property value", p);
  case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
    return v8_positional(text, "Expected ',' or ']' after array element", p);
  case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
    return v8_positional(text, "Bad Unicode escape", p);
  case rapidjson::kParseErrorStringEscapeInvalid:
    if (c != '\\')
      return v8_positional(text, "Bad control character in string literal", p);
    return v8_positional(text, "Bad escaped character", p + 1);
  case rapidjson::kParseErrorStringMissQuotationMark:
  case rapidjson::kParseErrorStringInvalidEncoding:
    return v8_positional(text, "Bad control character in string literal", p);
  case rapidjson::kParseErrorNumberMissFraction:
    return v8_positional(text, "Unterminated fractional number", p);
  case rapidjson::kParseErrorNumberMissExponent:
    return v8_positional(text, "Exponent part is missing a number", p);
  default:
    return v8_unexpected_token(text, p);
  }
}

// ---- Go encoding/json scanner ----

/// encoding/json's quoteChar: the byte as a Go character literal.
std::string go_quote_char(unsigned char c) {
  if (c == '\'')
    return "'\\''";
  if (c == '"')
    return "'\"'";
  char buf[16];
  switch (c) {
  case '\a':
    return "'\\a'";
  case '\b':
    return "'\\b'";
  case '\f':
    return "'\\f'";
  case '\n':
    return "'\\n'";
  case '\r':
    return "'\\r'";
  case '\t':
    return "'\\t'";
  case '\v':
    return "'\\v'";
  case '\\':
    return "'\\\\'";
  default:
    break;
  }
  if (c < 0x20 || c == 0x7F) {
    std::snprintf(buf, sizeof buf, "'\\x%02x'", c);
    return buf;
  }
  if (c < 0x80)
    return std::string("'") + static_cast<char>(c) + "'";
  // string(c) of a byte >= 0x80 is the rune U+0080..U+00FF; strconv.Quote escapes the ones that are
  // not printable (C1 controls, NBSP, soft hyphen) and writes the others as UTF-8.
  if (c < 0xA0 || c == 0xA0 || c == 0xAD) {
    std::snprintf(buf, sizeof buf, "'\\u%04x'", c);
    return buf;
  }
  return std::string("'") + static_cast<char>(0xC0 | (c >> 6)) +
         static_cast<char>(0x80 | (c & 0x3F)) + "'";
}

std::string go_message(std::string_view text, ParseErrorCode code, size_t p) {
  constexpr const char *kEnd = "unexpected end of JSON input";
  if (p >= text.size())
    return kEnd;
  const auto at = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const auto invalid = [&](size_t i, std::string_view context) {
    return "invalid character " + go_quote_char(at(i)) + " " + std::string(context);
  };
  switch (code) {
  case rapidjson::kParseErrorDocumentEmpty:
  case rapidjson::kParseErrorValueInvalid:
    if (text[p] == '-')
      return p + 1 < text.size() ? invalid(p + 1, "in numeric literal") : kEnd;
    return invalid(p, "looking for beginning of value");
  case rapidjson::kParseErrorDocumentRootNotSingular:
    return invalid(p, "after top-level value");
  case rapidjson::kParseErrorObjectMissName:
    return invalid(p, "looking for beginning of object key string");
  case rapidjson::kParseErrorObjectMissColon:
    return invalid(p, "after object key");
  case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
    return invalid(p, "after object key:value pair");
  case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
    return invalid(p, "after array element");
  case rapidjson::kParseErrorStringEscapeInvalid: // at the backslash, or at a control character
    if (text[p] != '\\')
      return invalid(p, "in string literal");
    return p + 1 < text.size() ? invalid(p + 1, "in string escape code") : kEnd;
  case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
    for (size_t i = p + 2; i < p + 6; ++i) {
      if (i >= text.size())
        return kEnd;
      if (!std::isxdigit(at(i)))
        return invalid(i, "in \\u hexadecimal character escape");
    }
    return invalid(p, "in string escape code");
  case rapidjson::kParseErrorStringMissQuotationMark:
  case rapidjson::kParseErrorStringInvalidEncoding:
    return invalid(p, "in string literal");
  case rapidjson::kParseErrorNumberMissFraction:
    return invalid(p, "after decimal point in numeric literal");
  case rapidjson::kParseErrorNumberMissExponent:
    return invalid(p, "in exponent of numeric literal");
  default:
    return invalid(p, "looking for beginning of value");
  }
}

/// Go decodes JSON strings rune by rune: each byte that does not start a valid UTF-8 sequence
/// becomes U+FFFD on its own (utf8.DecodeRune returns width 1 for it).
std::string go_repair(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    const size_t bad = sse::first_invalid_utf8(text.substr(i));
    if (bad == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, bad));
    out.append("\xEF\xBF\xBD");
    i += bad + 1;
  }
  return out;
}

std::string message(JsonRuntime runtime, std::string_view text, ParseErrorCode code, size_t p) {
  switch (runtime) {
  case JsonRuntime::python:
    return python_message(text, code, p);
  case JsonRuntime::v8:
    return v8_message(text, code, p);
  case JsonRuntime::go:
    return go_message(text, code, p);
  }
  return {};
}

} // namespace

std::optional<std::string> parse_json(std::string_view text, JsonRuntime runtime,
                                      rapidjson::Document &doc) {
  std::string repaired;
  if (runtime == JsonRuntime::go && sse::first_invalid_utf8(text) != std::string_view::npos) {
    repaired = go_repair(text);
    text = repaired;
  }
  if (runtime == JsonRuntime::python && sse::starts_with_bom(text))
    return std::string("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
  // All three runtimes accept a high surrogate escape without its low half; RapidJSON refuses it,
  // so each such escape is replaced by "\uFFFD" (same length) and the text parsed again.
  std::string patched;
  for (int attempt = 0;; ++attempt) {
    rapidjson::MemoryStream stream(text.data(), text.size());
    doc.ParseStream<json::kParseFlags>(stream);
    if (doc.HasParseError() &&
        doc.GetParseError() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid &&
        attempt < 64 && doc.GetErrorOffset() + 6 <= text.size()) {
      if (patched.empty())
        patched.assign(text);
      patched.replace(doc.GetErrorOffset(), 6, "\\uFFFD");
      text = patched;
      continue;
    }
    if (doc.HasParseError())
      return message(runtime, text, doc.GetParseError(), doc.GetErrorOffset());
    if (stream.Tell() != text.size()) // RapidJSON stops at a NUL byte after the document
      return message(runtime, text, rapidjson::kParseErrorDocumentRootNotSingular, stream.Tell());
    return std::nullopt;
  }
}

const JsonValue *last_member(const JsonValue &v, std::string_view name) {
  if (!v.IsObject())
    return nullptr;
  const JsonValue *found = nullptr;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
    if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == name)
      found = &it->value;
  return found;
}

const JsonValue *first_member(const JsonValue &v, std::string_view name) {
  if (!v.IsObject())
    return nullptr;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
    if (std::string_view(it->name.GetString(), it->name.GetStringLength()) == name)
      return &it->value;
  return nullptr;
}

std::optional<std::string_view> string_of(const JsonValue *v) {
  if (!v || !v->IsString())
    return std::nullopt;
  return std::string_view(v->GetString(), v->GetStringLength());
}

std::optional<int64_t> int_of(const JsonValue *v) {
  if (!v || !v->IsInt64())
    return std::nullopt;
  return v->GetInt64();
}

bool python_truthy(const JsonValue &v) {
  if (v.IsNull())
    return false;
  if (v.IsBool())
    return v.GetBool();
  if (v.IsInt64())
    return v.GetInt64() != 0;
  if (v.IsUint64())
    return v.GetUint64() != 0;
  if (v.IsNumber())
    return v.GetDouble() != 0.0;
  if (v.IsString())
    return v.GetStringLength() > 0;
  if (v.IsArray())
    return !v.Empty();
  return v.MemberCount() > 0;
}

bool js_truthy(const JsonValue &v) {
  if (v.IsNull())
    return false;
  if (v.IsBool())
    return v.GetBool();
  if (v.IsNumber())
    return v.GetDouble() != 0.0;
  if (v.IsString())
    return v.GetStringLength() > 0;
  return true; // arrays and objects, even empty ones
}

std::string compact_json(const JsonValue &v) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  v.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

Usage usage_of(const JsonValue &usage) {
  Usage u;
  u.prompt_tokens = int_of(last_member(usage, "prompt_tokens"));
  u.completion_tokens = int_of(last_member(usage, "completion_tokens"));
  u.total_tokens = int_of(last_member(usage, "total_tokens"));
  if (const JsonValue *details = last_member(usage, "completion_tokens_details"))
    u.reasoning_tokens = int_of(last_member(*details, "reasoning_tokens"));
  return u;
}

} // namespace harness::profiles

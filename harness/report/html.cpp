#include "report/html.hpp"

#include "report/html_template.hpp"
#include "report/report_json.hpp"

namespace harness::report {

namespace {

/// Length of the well-formed UTF-8 sequence at s[i], or 0.
size_t utf8_length(std::string_view s, size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  uint32_t cp = 0, min = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    len = 2;
    cp = b & 0x1Fu;
    min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    len = 3;
    cp = b & 0x0Fu;
    min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    len = 4;
    cp = b & 0x07u;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size())
    return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/// `json` made safe to sit between <script> and </script> (see html.hpp).
std::string script_safe(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 64);
  for (size_t i = 0; i < json.size();) {
    const auto b = static_cast<unsigned char>(json[i]);
    if (b == '<' && json.substr(i, 2) == "</") {
      out += "<\\/";
      i += 2;
    } else if (b == '<' && json.substr(i, 4) == "<!--") {
      out += "\\u003c!--";
      i += 4;
    } else if (b < 0x80) {
      out += json[i++];
    } else if (const size_t len = utf8_length(json, i)) {
      out.append(json, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

} // namespace

std::string to_html(const Run &run) {
  const auto doc = to_document(run, /*streams=*/true);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  doc.Accept(writer);
  const std::string data = script_safe({buf.GetString(), buf.GetSize()});

  const std::string_view page = html_template();
  const size_t at = page.find(kReportDataMarker);
  if (at == std::string_view::npos) // embed.py refuses such a page; never half a report
    return std::string(page);
  std::string out;
  out.reserve(page.size() + data.size());
  out.append(page.substr(0, at));
  out += data;
  out.append(page.substr(at + kReportDataMarker.size()));
  return out;
}

} // namespace harness::report

#include "report/text.hpp"

namespace harness::report {

std::string visible(std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == 0) {
      out += "\\0";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c == 0xEF && s.substr(i, 3) == "\xEF\xBB\xBF") {
      out += "\\uFEFF";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {

std::string or_none(const std::optional<std::string> &s) { return s ? visible(*s) : "(none)"; }
std::string or_none(const std::optional<int64_t> &v) { return v ? std::to_string(*v) : "-"; }

} // namespace

void write_text(std::ostream &out, const StreamResult &r) {
  out << "events    " << r.events << "\n";
  out << "done      " << (r.done ? "yes" : "no") << "\n";
  if (r.choices.empty())
    out << "choices   none\n";
  for (const auto &c : r.choices) {
    out << "choice " << c.index << "  role " << or_none(c.role) << "  finish "
        << or_none(c.finish_reason) << "\n";
    out << "  text      (" << c.text.size() << " bytes) " << visible(c.text) << "\n";
    if (!c.reasoning.empty())
      out << "  reasoning (" << c.reasoning.size() << " bytes) " << visible(c.reasoning) << "\n";
    if (!c.refusal.empty())
      out << "  refusal   (" << c.refusal.size() << " bytes) " << visible(c.refusal) << "\n";
    for (const auto &t : c.tool_calls)
      out << "  tool_call " << t.index << "  id " << or_none(t.id) << "  type " << or_none(t.type)
          << "  name " << or_none(t.name) << "  arguments " << visible(t.arguments) << "\n";
  }
  if (r.usage)
    out << "usage     prompt " << or_none(r.usage->prompt_tokens) << "  completion "
        << or_none(r.usage->completion_tokens) << "  total " << or_none(r.usage->total_tokens)
        << "  reasoning " << or_none(r.usage->reasoning_tokens) << "\n";
  else
    out << "usage     none\n";
  out << "errors    " << r.errors.size() << "\n";
  for (const auto &e : r.errors)
    out << "  byte " << e.offset << "  event " << e.event << "  " << e.source << ": "
        << visible(e.message) << "\n";
  if (r.raised)
    out << "raised    " << visible(*r.raised) << "\n";
  write_findings(out, r);
}

void write_findings(std::ostream &out, const StreamResult &r) {
  out << "findings  " << r.findings.size() << "\n";
  for (const auto &f : r.findings)
    out << "  byte " << f.offset << "  event " << f.event << "  " << to_string(f.severity) << "  "
        << f.rule << ": " << f.message << "\n";
}

} // namespace harness::report

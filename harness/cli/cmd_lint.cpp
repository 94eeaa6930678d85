// sse-harness lint FILE|CASE: the capture judged as a producer.
#include "check/lint.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corpus/case_writer.hpp"
#include "report/result_json.hpp"
#include "report/text.hpp"

namespace harness::cli {

namespace {

std::string lint_json(const Target &target, const check::LintReport &r) {
  // The findings array is the result document's; the rest says what was linted.
  StreamResult only_findings;
  only_findings.findings = r.findings;
  auto doc = report::to_document(only_findings);
  rapidjson::Document d(rapidjson::kObjectType);
  auto &a = d.GetAllocator();
  auto s = [&](std::string_view v) {
    return rapidjson::Value(v.data(), static_cast<rapidjson::SizeType>(v.size()), a);
  };
  if (target.the_case)
    d.AddMember("case", s(target.label), a);
  d.AddMember("file", s(target.capture.file), a);
  d.AddMember("dialect", s(target.dialect), a);
  rapidjson::Value counts(rapidjson::kObjectType);
  counts.AddMember("error", r.errors, a);
  counts.AddMember("warning", r.warnings, a);
  counts.AddMember("info", r.infos, a);
  d.AddMember("counts", counts, a);
  d.AddMember("findings", rapidjson::Value(doc["findings"], a), a);
  return corpus::render_json(d);
}

} // namespace

int cmd_lint(const Args &args, std::ostream &out, std::ostream &err) {
  cxxopts::Options options(
      "sse-harness lint",
      "Judge a capture as a producer: every finding (framing, JSON, dialect, usage, end marker, "
      "errors) with its byte offset and event number. Exit 1 when any finding has error severity.");
  options.add_options()
      ("json", "print JSON: case, file, dialect, counts, findings (result-document findings)");
  add_dialect_option(options);
  add_from_option(options);
  options.add_options()("h,help", "show this help");
  add_target_option(options);
  auto opts = parse(options, args);
  if (opts.count("help")) {
    out << options.help();
    return kExitOk;
  }
  if (!opts.count("target")) {
    err << "sse-harness lint: name a capture file or a case (see sse-harness lint --help)\n";
    return kExitTrouble;
  }
  const auto from = from_option(opts);
  if (!from) {
    err << "sse-harness lint: " << from.error().str() << "\n";
    return kExitTrouble;
  }
  auto target = resolve_target(opts["target"].as<std::string>(), from.value());
  if (!target) {
    err << "sse-harness lint: " << target.error().str() << "\n";
    return kExitTrouble;
  }
  if (const auto status = apply_dialect_option(opts, *target); !status) {
    err << "sse-harness lint: " << status.error().str() << "\n";
    return kExitTrouble;
  }
  const auto report = check::lint(target->capture.stream(), target->dialect);
  if (opts.count("json")) {
    out << lint_json(*target, report) << "\n";
  } else {
    out << (target->the_case ? "case      " : "file      ") << target->label << "\n"
        << "dialect   " << target->dialect << "\n";
    for (const auto &f : report.findings)
      out << "  byte " << f.offset << "  event " << f.event << "  " << to_string(f.severity)
          << "  " << f.rule << ": " << f.message << "\n";
    out << report.findings.size() << " findings: " << report.errors << " errors, "
        << report.warnings << " warnings, " << report.infos << " info\n";
  }
  return report.errors ? kExitFailures : kExitOk;
}

} // namespace harness::cli

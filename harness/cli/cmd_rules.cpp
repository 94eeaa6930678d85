// sse-harness rules [--json]: the rule catalog, as a table or as JSON (schemas/rules.schema.json).
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corpus/case_writer.hpp"
#include "json/rapidjson.hpp"
#include "rules/catalog.hpp"

namespace harness::cli {

namespace {

rapidjson::Value str(std::string_view s, rapidjson::Document::AllocatorType &a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

std::string catalog_json() {
  rapidjson::Document d(rapidjson::kObjectType);
  auto &a = d.GetAllocator();
  d.AddMember("catalog_format", 1, a);
  rapidjson::Value list(rapidjson::kArrayType);
  for (const rules::Rule *r : rules::catalog()) {
    rapidjson::Value v(rapidjson::kObjectType);
    v.AddMember("id", str(r->id, a), a);
    v.AddMember("layer", str(r->layer, a), a);
    v.AddMember("severity", str(to_string(r->severity), a), a);
    v.AddMember("summary", str(r->summary, a), a);
    v.AddMember("reference", str(r->reference, a), a);
    list.PushBack(v, a);
  }
  d.AddMember("rules", list, a);
  return corpus::render_json(d);
}

} // namespace

int cmd_rules(const Args &args, std::ostream &out, std::ostream &err) {
  (void)err;
  cxxopts::Options options("sse-harness rules",
                           "Print the rule catalog: every check the harness makes, with its stable "
                           "id, layer, severity, one-line summary and reference.");
  options.add_options()
      ("json", "print JSON (schemas/rules.schema.json)")
      ("layer", "only this layer (framing, json, chat, messages, responses, usage, done, error)",
       cxxopts::value<std::string>())
      ("h,help", "show this help");
  auto opts = parse(options, args);
  if (opts.count("json")) {
    out << catalog_json() << "\n";
    return kExitOk;
  }
  const std::string layer = opts.count("layer") ? opts["layer"].as<std::string>() : "";
  size_t shown = 0;
  for (const rules::Rule *r : rules::catalog()) {
    if (!layer.empty() && r->layer != layer)
      continue;
    ++shown;
    out << r->id << std::string(r->id.size() < 34 ? 34 - r->id.size() : 1, ' ') << r->layer
        << std::string(r->layer.size() < 10 ? 10 - r->layer.size() : 1, ' ')
        << to_string(r->severity)
        << std::string(8 - to_string(r->severity).size(), ' ') << r->summary << "\n"
        << std::string(34, ' ') << "ref: " << r->reference << "\n";
  }
  if (shown == 0) {
    err << "sse-harness rules: no rule in layer '" << layer << "'\n";
    return kExitTrouble;
  }
  return kExitOk;
}

} // namespace harness::cli

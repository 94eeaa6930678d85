// rules.*: the catalog is data, validated by a schema, and every entry is real.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "cli/files.hpp"
#include "cli/process.hpp"
#include "corpus/schemas.hpp"
#include "json/rapidjson.hpp"
#include "rules/catalog.hpp"

namespace fs = std::filesystem;
using harness::test::slurp;
using harness::test::run_harness;

namespace {

const fs::path kCatalogDir = fs::path(SSEH_SOURCE_ROOT) / "harness" / "rules" / "catalog";

rapidjson::Document parse(const std::string &text) {
  rapidjson::Document d;
  d.Parse<harness::json::kParseFlags>(text.data(), text.size());
  return d;
}

/// Every .cpp/.hpp under harness/ except the catalog's own folder, concatenated.
std::string harness_sources() {
  std::string all;
  for (const auto &e : fs::recursive_directory_iterator(fs::path(SSEH_SOURCE_ROOT) / "harness")) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".cpp" || ext == ".hpp") &&
        e.path().parent_path().filename() != "rules")
      all += slurp(e.path());
  }
  return all;
}

} // namespace

TEST_CASE("rules.catalog-files-match-their-schema") {
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  size_t files = 0;
  for (const auto &e : fs::directory_iterator(kCatalogDir)) {
    if (e.path().extension() != ".json")
      continue;
    ++files;
    CAPTURE(e.path().string());
    auto doc = parse(slurp(e.path()));
    REQUIRE_FALSE(doc.HasParseError());
    auto s = harness::corpus::validate_against(doc, "rule-catalog.schema.json", e.path().string());
    CHECK_MESSAGE(bool(s), (s ? "" : s.error().str()));
  }
  CHECK(files == 9); // one per layer, gemini.json included
}

TEST_CASE("rules.schema-rejects-a-bad-entry") {
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  auto bad = parse(R"({"layer": "chat", "rules": [{"id": "chat.Bad Id", "severity": "fatal",
                       "summary": "x", "reference": ""}]})");
  CHECK_FALSE(bool(harness::corpus::validate_against(bad, "rule-catalog.schema.json", "bad")));
}

TEST_CASE("rules.json-output-matches-schema-and-the-table") {
  harness::corpus::set_schemas_dir(SSEH_SCHEMAS_DIR);
  const auto r = run_harness({"rules", "--json"});
  REQUIRE(r.exit_code == 0);
  auto doc = parse(r.out);
  REQUIRE_FALSE(doc.HasParseError());
  auto s = harness::corpus::validate_against(doc, "rules.schema.json", "rules --json");
  CHECK_MESSAGE(bool(s), (s ? "" : s.error().str()));
  REQUIRE(doc["rules"].Size() == harness::rules::catalog().size());
  std::set<std::string> ids;
  for (const auto &rule : doc["rules"].GetArray())
    ids.insert(rule["id"].GetString());
  CHECK(ids.size() == harness::rules::catalog().size()); // unique
  for (const auto *rule : harness::rules::catalog()) {
    CHECK(ids.count(std::string(rule->id)) == 1);
    CHECK(harness::rules::find_rule(rule->id) == rule);
  }
  CHECK(harness::rules::find_rule("no.such-rule") == nullptr);
}

TEST_CASE("rules.text-output-and-layer-filter") {
  const auto all = run_harness({"rules"});
  REQUIRE(all.exit_code == 0);
  CHECK(all.out.find("sse.blank-line-missing") != std::string::npos);
  const auto usage = run_harness({"rules", "--layer", "usage"});
  REQUIRE(usage.exit_code == 0);
  CHECK(usage.out.find("usage.counters-disagree") != std::string::npos);
  CHECK(usage.out.find("sse.blank-line-missing") == std::string::npos);
  const auto none = run_harness({"rules", "--layer", "nonsense"});
  CHECK(none.exit_code == 2);
}

TEST_CASE("rules.every-rule-is-emitted-by-the-harness") {
  // Code emits a rule only through its generated constant (rules::sse_blank_line_missing), so a
  // catalog entry whose constant appears nowhere is a rule nothing checks.
  const std::string code = harness_sources();
  for (const auto *rule : harness::rules::catalog()) {
    std::string constant = "rules::" + std::string(rule->id);
    for (char &c : constant)
      if (c == '.' || c == '-')
        c = '_';
    CAPTURE(constant);
    CHECK(code.find(constant) != std::string::npos);
  }
}

// A reference is something a user can open: a URL, an upstream source file, or a file of this
// repository; every corpus path named exists, and nothing points outside the repository.
TEST_CASE("rules.every-reference-names-something-a-user-can-open") {
  for (const auto *rule : harness::rules::catalog()) {
    const std::string ref(rule->reference);
    CAPTURE(rule->id);
    CAPTURE(ref);
    CHECK(ref.find("shared/") == std::string::npos);
    CHECK(ref.find("/work/") == std::string::npos);
    for (size_t at = ref.find("corpus/"); at != std::string::npos;
         at = ref.find("corpus/", at + 1)) {
      const size_t end = ref.find_first_of(" ,;:)", at);
      const std::string path = ref.substr(at, end == std::string::npos ? end : end - at);
      CAPTURE(path);
      CHECK(fs::exists(fs::path(SSEH_SOURCE_ROOT) / path));
    }
  }
}

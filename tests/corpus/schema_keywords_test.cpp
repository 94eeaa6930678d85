// schema.*: every file in schemas/ uses only what RapidJSON 1.1.0's draft-04 validator enforces.
// RapidJSON ignores unknown keywords (const, if/then/else, contains, propertyNames, format, ...),
// drops patterns its regex engine cannot compile (\d, \w, \s, ...) and cannot fetch remote $refs,
// all silently: a schema using them would accept documents it claims to reject. patternProperties
// is left out too: beside "additionalProperties": false, RapidJSON 1.1.0 fails an assertion on a
// matching key (and reports bogus "type" errors without assertions).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "corpus_test_support.hpp"
#include "json/rapidjson.hpp"

using namespace corpus_test;

namespace {

// Draft-04 keywords RapidJSON 1.1.0 enforces (schema.rapidjson-enforces-allowed-keywords shows each
// one at work), plus annotations and local $ref.
// clang-format off
const std::set<std::string> kSupported = {
    "$schema", "$ref", "title", "description", "default", "definitions",
    "type", "enum", "allOf", "anyOf", "oneOf", "not",
    "properties", "additionalProperties", "required", "dependencies", "minProperties",
    "maxProperties",
    "items", "additionalItems", "minItems", "maxItems", "uniqueItems",
    "pattern", "minLength", "maxLength",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
};
// clang-format on
const std::set<std::string> kTypes = {"array",  "boolean", "integer", "null",
                                      "number", "object",  "string"};

/// Walks a schema document and lists every construct RapidJSON 1.1.0 would not enforce.
class SchemaLint {
public:
  explicit SchemaLint(const rapidjson::Value &root) : root_(root) {}

  std::vector<std::string> run() {
    schema(root_, "#");
    return problems_;
  }

private:
  void problem(const std::string &where, const std::string &what) {
    problems_.push_back(where + ": " + what);
  }

  /// RapidJSON's regex engine asserts on some malformed patterns instead of rejecting them; the
  /// patterns checked here are our own, so that is a failing test either way.
  void pattern(const std::string &p, const std::string &where) {
    bool class_escape = false;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      if (p[i] != '\\')
        continue;
      char c = p[i + 1];
      if (std::string_view("dDwWsSbB").find(c) != std::string_view::npos) {
        problem(where, std::string("pattern uses \\") + c + " (write a class such as [0-9])");
        class_escape = true;
      }
      ++i;
    }
    if (class_escape)
      return;
    rapidjson::internal::Regex regex(p.c_str());
    if (!regex.IsValid())
      problem(where, "pattern \"" + p + "\" does not compile in RapidJSON's regex engine");
  }

  void schemas_in_object(const rapidjson::Value &v, const std::string &where) {
    if (!v.IsObject()) {
      problem(where, "must be an object of schemas");
      return;
    }
    for (const auto &m : v.GetObject())
      schema(m.value, where + "/" + m.name.GetString());
  }

  void schema(const rapidjson::Value &s, const std::string &where) {
    if (!s.IsObject()) {
      problem(where, "a schema must be an object (draft-04 has no boolean schemas)");
      return;
    }
    for (const auto &m : s.GetObject()) {
      const std::string key = m.name.GetString();
      const rapidjson::Value &v = m.value;
      const std::string at = where + "/" + key;
      if (!kSupported.count(key)) {
        problem(at, "keyword \"" + key + "\" is not enforced by RapidJSON 1.1.0");
        continue;
      }
      if (key == "$ref") {
        std::string ref = v.IsString() ? v.GetString() : "";
        if (!ref.starts_with("#/definitions/"))
          problem(at, "$ref \"" + ref + "\" is not local (#/definitions/...)");
        else if (!rapidjson::Pointer(ref.substr(1).c_str()).Get(root_))
          problem(at, "$ref \"" + ref + "\" does not resolve");
        for (const auto &sibling : s.GetObject()) {
          std::string name = sibling.name.GetString();
          if (name != "$ref" && name != "description" && name != "title")
            problem(where, "\"" + name + "\" beside $ref is ignored");
        }
      } else if (key == "type") {
        std::vector<const rapidjson::Value *> names;
        if (v.IsArray())
          for (const auto &t : v.GetArray())
            names.push_back(&t);
        else
          names.push_back(&v);
        for (const rapidjson::Value *t : names)
          if (!t->IsString() || !kTypes.count(t->GetString()))
            problem(at, "unknown type");
      } else if (key == "pattern") {
        if (v.IsString())
          pattern(v.GetString(), at);
        else
          problem(at, "pattern must be a string");
      } else if (key == "properties" || key == "definitions") {
        schemas_in_object(v, at);
      } else if (key == "dependencies") {
        if (v.IsObject())
          for (const auto &d : v.GetObject())
            if (d.value.IsObject())
              schema(d.value, at + "/" + d.name.GetString());
      } else if (key == "additionalProperties" || key == "additionalItems") {
        if (v.IsObject())
          schema(v, at);
        else if (!v.IsBool())
          problem(at, "must be a boolean or a schema");
      } else if (key == "items") {
        if (v.IsArray())
          for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
            schema(v[i], at + "/" + std::to_string(i));
        else
          schema(v, at);
      } else if (key == "allOf" || key == "anyOf" || key == "oneOf") {
        if (!v.IsArray() || v.Empty())
          problem(at, "must be a non-empty array of schemas");
        else
          for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
            schema(v[i], at + "/" + std::to_string(i));
      } else if (key == "not") {
        schema(v, at);
      } else if (key == "required") {
        if (!v.IsArray() || std::any_of(v.Begin(), v.End(),
                                        [](const rapidjson::Value &r) { return !r.IsString(); }))
          problem(at, "must be an array of strings");
      }
    }
  }

  const rapidjson::Value &root_;
  std::vector<std::string> problems_;
};

std::vector<std::string> lint(const std::string &text) {
  rapidjson::Document doc;
  doc.Parse<harness::json::kParseFlags>(text.data(), text.size());
  if (doc.HasParseError())
    return {"invalid JSON at byte " + std::to_string(doc.GetErrorOffset())};
  return SchemaLint(doc).run();
}

std::vector<fs::path> schema_files() {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(kSchemasDir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    if (it->path().extension() == ".json")
      files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

rapidjson::Document parse_file(const fs::path &path) {
  rapidjson::Document doc;
  std::string text = slurp(path);
  doc.Parse<harness::json::kParseFlags>(text.data(), text.size());
  return doc;
}

} // namespace

TEST_CASE("schema.no-unsupported-keywords") {
  std::vector<fs::path> files = schema_files();
  std::vector<std::string> names;
  for (const fs::path &f : files)
    names.push_back(f.filename().string());
  CHECK(std::find(names.begin(), names.end(), "case.schema.json") != names.end());
  CHECK(std::find(names.begin(), names.end(), "result.schema.json") != names.end());
  for (const fs::path &f : files) {
    CAPTURE(f.string());
    std::vector<std::string> problems = lint(slurp(f));
    for (const std::string &p : problems)
      FAIL_CHECK(p);
  }
}

TEST_CASE("schema.lint-catches-what-rapidjson-ignores") {
  auto count = [](const std::string &text) { return lint(text).size(); };
  CHECK(count(R"({"type": "object", "properties": {"a": {"type": "string"}}})") == 0);
  // A property *named* like a keyword is fine; the keyword is not.
  CHECK(count(R"({"properties": {"if": {"type": "string"}}})") == 0);
  CHECK(count(R"({"const": 1})") == 1);
  CHECK(count(R"({"if": {}, "then": {}, "else": {}})") == 3);
  CHECK(count(R"({"type": "array", "contains": {"type": "string"}})") == 1);
  CHECK(count(R"({"propertyNames": {"pattern": "^a"}})") == 1);
  CHECK(count(R"({"type": "string", "format": "uri"})") == 1);
  CHECK(count(R"({"requried": ["a"]})") == 1); // a typo is silently ignored too
  CHECK(count(R"({"type": "string", "pattern": "^\\d+$"})") == 1);
  CHECK(count(R"({"type": "string", "pattern": "^\\w\\s$"})") == 2);
  CHECK(count(R"({"type": "string", "pattern": "^[0-9]+$"})") == 0);
  CHECK(count(R"({"type": "string", "pattern": "^[a-z\\\\]+$"})") == 0); // escaped backslash
  CHECK(count(R"({"type": "string", "pattern": "^\\q$"})") == 1);        // does not compile
  CHECK(count(R"({"type": "string", "pattern": "^[]$"})") == 1);         // does not compile
  CHECK(count(R"({"patternProperties": {"^a": {}}, "additionalProperties": false})") == 1);
  CHECK(count(R"({"$ref": "other.json#/definitions/x"})") == 1);
  CHECK(count(R"({"$ref": "#/definitions/missing"})") == 1);
  CHECK(count(R"({"$ref": "#/definitions/x", "definitions": {"x": {}}})") == 1); // sibling
  CHECK(count(R"({"definitions": {"x": {"type": "string"}}, "properties":
                  {"a": {"$ref": "#/definitions/x", "description": "fine"}}})") == 0);
  CHECK(count(R"({"items": {"const": 1}})") == 1);
  CHECK(count(R"({"additionalProperties": {"if": {}}})") == 1);
  CHECK(count(R"({"oneOf": [{"type": "str"}]})") == 1);
  CHECK(count(R"({"properties": {"a": true}})") == 1);
}

TEST_CASE("schema.shared-definitions-identical") {
  // case.schema.json repeats result.schema.json's definitions (draft-04 in RapidJSON has no
  // remote $ref); they must not drift apart.
  rapidjson::Document result = parse_file(kSchemasDir / "result.schema.json");
  rapidjson::Document kase = parse_file(kSchemasDir / "case.schema.json");
  REQUIRE(result.IsObject());
  REQUIRE(kase.IsObject());
  for (const char *name : {"choice", "tool_call", "usage", "error"}) {
    CAPTURE(name);
    REQUIRE(result["definitions"].HasMember(name));
    REQUIRE(kase["definitions"].HasMember(name));
    CHECK(result["definitions"][name] == kase["definitions"][name]);
  }
}

TEST_CASE("schema.rapidjson-enforces-allowed-keywords") {
  // One schema per validation keyword the lint allows, with a document it must accept and one it
  // must reject. Guards the allow-list against a RapidJSON that stops enforcing one of them.
  struct Row {
    const char *keyword, *schema, *good, *bad;
  };
  // clang-format off
  const Row rows[] = {
      {"type", R"({"type": ["integer", "null"]})", "null", "1.5"},
      {"enum", R"({"enum": [1, "a"]})", R"("a")", "2"},
      {"allOf", R"({"allOf": [{"type": "integer"}, {"minimum": 2}]})", "3", "1"},
      {"anyOf", R"({"anyOf": [{"type": "integer"}, {"type": "string"}]})", "1", "null"},
      {"oneOf", R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})", "-1", "1"},
      {"not", R"({"not": {"type": "string"}})", "1", R"("x")"},
      {"properties", R"({"properties": {"a": {"type": "string"}}})", R"({"a": "x"})", R"({"a": 1})"},
      {"additionalProperties", R"({"properties": {"a": {}}, "additionalProperties": false})",
       R"({"a": 1})", R"({"b": 1})"},
      {"required", R"({"required": ["a"]})", R"({"a": 1})", "{}"},
      {"dependencies", R"({"dependencies": {"a": ["b"]}})", R"({"a": 1, "b": 2})", R"({"a": 1})"},
      {"minProperties", R"({"minProperties": 1})", R"({"a": 1})", "{}"},
      {"maxProperties", R"({"maxProperties": 1})", R"({"a": 1})", R"({"a": 1, "b": 2})"},
      {"items", R"({"items": {"type": "integer"}})", "[1, 2]", R"([1, "2"])"},
      {"additionalItems", R"({"items": [{}], "additionalItems": false})", "[1]", "[1, 2]"},
      {"minItems", R"({"minItems": 1})", "[1]", "[]"},
      {"maxItems", R"({"maxItems": 1})", "[1]", "[1, 2]"},
      {"uniqueItems", R"({"uniqueItems": true})", "[1, 2]", "[1, 1]"},
      {"pattern", R"({"pattern": "^[a-z]+\\.[a-z0-9-]+$"})", R"("sse.x-1")", R"("sse.X")"},
      {"minLength", R"({"minLength": 1})", R"("a")", R"("")"},
      {"maxLength", R"({"maxLength": 1})", R"("a")", R"("ab")"},
      {"minimum", R"({"minimum": 0})", "0", "-1"},
      {"maximum", R"({"maximum": 3})", "3", "4"},
      {"exclusiveMinimum", R"({"minimum": 3, "exclusiveMinimum": true})", "4", "3"},
      {"exclusiveMaximum", R"({"maximum": 3, "exclusiveMaximum": true})", "2", "3"},
      {"multipleOf", R"({"multipleOf": 3})", "6", "7"},
      {"$ref", R"({"definitions": {"n": {"type": "integer"}}, "$ref": "#/definitions/n"})", "1",
       R"("1")"},
  };
  // clang-format on
  auto valid = [](const char *schema, const char *doc) {
    rapidjson::Document s;
    s.Parse(schema);
    REQUIRE_FALSE(s.HasParseError());
    rapidjson::SchemaDocument compiled(s);
    rapidjson::SchemaValidator validator(compiled);
    rapidjson::Document d;
    d.Parse(doc);
    REQUIRE_FALSE(d.HasParseError());
    return d.Accept(validator);
  };
  std::set<std::string> shown;
  for (const Row &row : rows) {
    CAPTURE(row.schema);
    CHECK(valid(row.schema, row.good));
    CHECK_FALSE(valid(row.schema, row.bad));
    shown.insert(row.keyword);
  }
  const std::set<std::string> annotations = {"$schema", "title", "description", "default",
                                             "definitions"};
  for (const std::string &keyword : kSupported) {
    CAPTURE(keyword);
    CHECK((shown.count(keyword) || annotations.count(keyword)));
  }
}

// report.merge-*: `merge-reports` joins the JSON reports of a run's shards into the run they split,
// and refuses anything else.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/process.hpp"
#include "json/rapidjson.hpp"

using harness::test::run_harness;
using harness::test::TempDir;

namespace {

rapidjson::Document load(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  rapidjson::Document d;
  d.Parse<harness::json::kParseFlags>(s.str().c_str());
  REQUIRE_FALSE(d.HasParseError());
  return d;
}

/// The document without what differs between any two runs: start time and wall times.
rapidjson::Document timeless(const std::string &path) {
  auto d = load(path);
  d.RemoveMember("started");
  d.RemoveMember("seconds");
  for (auto &e : d["entries"].GetArray())
    e.RemoveMember("seconds");
  return d;
}

std::vector<std::string> check_args(const std::string &report, std::vector<std::string> more) {
  std::vector<std::string> args = {"check",  "--split", "whole", "--progress",
                                   "none",   "--report", "json=" + report};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

} // namespace

TEST_CASE("report.merge-of-four-shards-equals-the-whole-run") {
  TempDir dir;
  const std::string whole = dir.path() + "/whole.json";
  REQUIRE(run_harness(check_args(whole, {})).exit_code == 0);
  std::vector<std::string> merge = {"merge-reports"};
  for (int k = 1; k <= 4; ++k) {
    const std::string shard = dir.path() + "/shard" + std::to_string(k) + ".json";
    REQUIRE(run_harness(check_args(shard, {"--shard", std::to_string(k) + "/4"})).exit_code == 0);
    CHECK(load(shard)["cases"].Size() < load(whole)["cases"].Size());
    merge.push_back(shard);
  }
  std::reverse(merge.begin() + 1, merge.end()); // the order given does not matter
  auto args = merge;
  for (const char *r : {"json=merged.json", "junit=merged.xml", "markdown=merged.md"})
    args.push_back("--report=" + std::string(r).insert(std::string(r).find('=') + 1,
                                                        dir.path() + "/"));
  const auto r = run_harness(args);
  CAPTURE(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("50 cases x 8 implementations: 208 passed") != std::string::npos);
  CHECK(timeless(dir.path() + "/merged.json") == timeless(whole));
  CHECK(load(dir.path() + "/merged.json")["shard"] == "");
  for (const char *f : {"/merged.xml", "/merged.md"})
    CHECK(std::ifstream(dir.path() + f).good());

  // Refused: a shard twice, a shard missing, another run's shard, a whole run, not JSON.
  const auto refused = [&](std::vector<std::string> files, const std::string &why) {
    std::vector<std::string> a = {"merge-reports"};
    a.insert(a.end(), files.begin(), files.end());
    const auto x = run_harness(a);
    CAPTURE(why);
    CAPTURE(x.err);
    CHECK(x.exit_code == 2);
    CHECK(x.out.empty());
    CHECK(x.err.find(why) != std::string::npos);
    CHECK(std::count(x.err.begin(), x.err.end(), '\n') == 1);
  };
  const std::string s1 = merge[4], s2 = merge[3], s3 = merge[2], s4 = merge[1];
  refused({s1, s2, s3, s1}, "is shard 1/4 again");
  refused({s1, s2, s3}, "shard 4/4 is missing: give the reports of all 4 shards");
  const std::string other = dir.path() + "/other.json";
  REQUIRE(run_harness(check_args(other, {"--shard", "4/4", "--impl", "whatwg"})).exit_code == 0);
  refused({s1, s2, s3, other}, "is from another run than");
  refused({whole}, "not a shard's report");
  const std::string bad = dir.write("bad.json", "{\"report\": ");
  refused({bad}, bad + ": byte 11: not JSON");
}

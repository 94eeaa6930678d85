// report.merge-*: `merge-reports` joins the JSON reports of a run's shards into the run they split,
// and refuses anything else.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
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
  // The summary line speaks of the whole run: all its cases and implementations, nothing failed.
  const auto whole_doc = load(whole);
  CHECK(r.out.find(std::to_string(whole_doc["cases"].Size()) + " cases x " +
                   std::to_string(whole_doc["implementations"].Size()) + " implementations: ") !=
        std::string::npos);
  CHECK(r.out.find(" 0 disputed, 0 failed, 0 errors\n") != std::string::npos);
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
  refused({bad}, bad + ": byte 11: invalid JSON");
}

// A known deviation that deviates nowhere fails a whole run as stale. Each shard sees part of the
// cases, so it only lists the entries it did not use; the merge fails on those unused in every
// shard, and the merged report equals the whole run's again.
TEST_CASE("report.merge-of-shards-fails-on-the-stale-deviations-the-whole-run-fails-on") {
  TempDir dir;
  const std::string root = dir.path() + "/corpus";
  std::filesystem::create_directories(root);
  std::filesystem::copy(SSEH_CORPUS_DIR "/seeds", root + "/seeds",
                        std::filesystem::copy_options::recursive);
  // The bundled entries for the two seeds (each deviates on its own seed), and two stale ones.
  auto bundled = load(SSEH_CORPUS_DIR "/deviations.json");
  rapidjson::Document devs(rapidjson::kObjectType);
  auto &a = devs.GetAllocator();
  devs.AddMember("deviations_format", 1, a);
  rapidjson::Value list(rapidjson::kArrayType);
  for (auto &e : bundled["deviations"].GetArray())
    if (std::string(e["case"].GetString()).rfind("seeds/", 0) == 0)
      list.PushBack(rapidjson::Value(e, a), a);
  const auto seed_entries = list.Size();
  REQUIRE(seed_entries > 2);
  rapidjson::Document extra;
  extra.Parse(R"([{"impl": "tolerant", "case": "seeds/*", "reason": "fixed long ago"},
                  {"impl": "whatwg", "case": "gone/*", "reason": "a case since removed"}])");
  for (auto &e : extra.GetArray())
    list.PushBack(rapidjson::Value(e, a), a);
  devs.AddMember("deviations", list, a);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  devs.Accept(w);
  dir.write("corpus/deviations.json", buf.GetString());

  const std::string whole = dir.path() + "/whole.json";
  auto r = run_harness(check_args(whole, {root}));
  CAPTURE(r.out);
  REQUIRE(r.exit_code == 1);
  const std::string stale1 = "deviation entry " + std::to_string(seed_entries) +
                             " (tolerant on seeds/*) matched only cases that gave the expected "
                             "result in this run";
  const std::string stale2 = "deviation entry " + std::to_string(seed_entries + 1) +
                             " (whatwg on gone/*) matched nothing in this run";
  CHECK(r.out.find(stale1) != std::string::npos);
  CHECK(r.out.find(stale2) != std::string::npos);
  CHECK(r.out.find(" 2 failed, 0 errors\n") != std::string::npos);

  // In 4 shards the two seeds fall in shards 1 and 3; each shard passes on its own.
  std::vector<std::string> merge = {"merge-reports"};
  for (int k = 1; k <= 4; ++k) {
    const std::string shard = dir.path() + "/shard" + std::to_string(k) + ".json";
    r = run_harness(check_args(shard, {root, "--shard", std::to_string(k) + "/4"}));
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    const auto doc = load(shard);
    CHECK(doc["cases"].Size() == (k % 2 ? 1u : 0u));
    // Every shard leaves some seed entries unused: those for the seed it does not hold.
    REQUIRE(doc.HasMember("unused_deviations"));
    CHECK(doc["unused_deviations"].Size() > 2);
    merge.push_back(shard);
  }
  merge.push_back("--report=json=" + dir.path() + "/merged.json");
  r = run_harness(merge);
  CAPTURE(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(stale1) != std::string::npos);
  CHECK(r.out.find(stale2) != std::string::npos);
  CHECK(timeless(dir.path() + "/merged.json") == timeless(whole));
  CHECK_FALSE(load(whole).HasMember("unused_deviations"));
}

// corpus.*: finding case folders and naming them.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "corpus/discover.hpp"
#include "corpus_test_support.hpp"

using harness::corpus::discover;
using harness::corpus::find_cases;
using namespace corpus_test;

namespace {

std::vector<std::string> ids_of(const std::vector<harness::corpus::CaseRef> &refs) {
  std::vector<std::string> ids;
  for (const auto &r : refs)
    ids.push_back(r.id);
  return ids;
}

} // namespace

TEST_CASE("corpus.discover-finds-both-seeds-sorted") {
  use_repo_schemas();
  auto cases = discover({kCorpusDir.string()});
  REQUIRE_MESSAGE(cases.ok(), cases.error().str());
  REQUIRE(cases->size() >= 2);
  std::vector<std::string> ids;
  for (const auto &c : cases.value())
    ids.push_back(c.id);
  CHECK(std::is_sorted(ids.begin(), ids.end()));
  auto at = std::find(ids.begin(), ids.end(), "seeds/000_c359a6ca5f32f75d");
  REQUIRE(at != ids.end());
  CHECK(*(at + 1) == "seeds/004_424fe411654300b4");
  const auto &c000 = (*cases)[static_cast<size_t>(at - ids.begin())];
  CHECK(c000.capture.bytes.size() == 6726);
  CHECK(c000.dir == kSeed000Dir);
}

TEST_CASE("corpus.discover-ids-do-not-depend-on-the-named-folder") {
  auto from_root = find_cases({kCorpusDir.string()});
  auto from_seeds = find_cases({(kCorpusDir / "seeds").string() + "/"});
  auto direct = find_cases({kSeed004Dir.string(), kSeed000Dir.string()});
  REQUIRE(from_root.ok());
  REQUIRE(from_seeds.ok());
  REQUIRE(direct.ok());
  std::vector<std::string> seeds = {"seeds/000_c359a6ca5f32f75d", "seeds/004_424fe411654300b4"};
  CHECK(ids_of(direct.value()) == seeds);
  for (const std::string &id : seeds) {
    auto ids = ids_of(from_seeds.value());
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  }
}

TEST_CASE("corpus.discover-case-folder-named-directly") {
  use_repo_schemas();
  auto cases = discover({kSeed004Dir.string()});
  REQUIRE_MESSAGE(cases.ok(), cases.error().str());
  REQUIRE(cases->size() == 1);
  CHECK((*cases)[0].id == "seeds/004_424fe411654300b4");
  CHECK((*cases)[0].capture.format == harness::source::Format::markdown);
}

TEST_CASE("corpus.discover-outside-a-corpus-folder") {
  TempDir tmp;
  make_case(tmp / "cases" / "b");
  make_case(tmp / "cases" / "a" / "deep");
  make_case(tmp / "cases" / "a" / "deep" / "inner"); // inside a case: not searched
  make_case(tmp / "cases" / ".hidden" / "x");
  auto searched = find_cases({(tmp / "cases").string()});
  REQUIRE_MESSAGE(searched.ok(), searched.error().str());
  CHECK(ids_of(searched.value()) == std::vector<std::string>{"a/deep", "b"});

  auto direct = find_cases({(tmp / "cases" / "a" / "deep").string()});
  REQUIRE(direct.ok());
  CHECK(ids_of(direct.value()) == std::vector<std::string>{"deep"});

  // Naming the same case twice lists it once.
  auto twice = find_cases({(tmp / "cases").string(), (tmp / "cases" / "b").string()});
  REQUIRE(twice.ok());
  CHECK(ids_of(twice.value()) == std::vector<std::string>{"a/deep", "b"});
}

TEST_CASE("corpus.discover-under-a-corpus-folder") {
  TempDir tmp;
  make_case(tmp / "corpus" / "x" / "one");
  auto searched = find_cases({(tmp / "corpus" / "x").string()});
  REQUIRE(searched.ok());
  CHECK(ids_of(searched.value()) == std::vector<std::string>{"x/one"});
}

TEST_CASE("corpus.discover-same-id-from-two-folders-is-an-error") {
  TempDir tmp;
  make_case(tmp / "left" / "same");
  make_case(tmp / "right" / "same");
  auto r = find_cases({(tmp / "left").string(), (tmp / "right").string()});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().str().find("case id \"same\"") != std::string::npos);
}

TEST_CASE("corpus.discover-folder-without-cases") {
  TempDir tmp;
  write_file(tmp / "empty" / "sub" / "notes.txt", "nothing here");
  std::string path = (tmp / "empty").string();
  auto r = discover({path});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().str() ==
        path + ": not a case and contains no cases (a case folder holds case.json)");
}

TEST_CASE("corpus.discover-missing-path") {
  TempDir tmp;
  std::string path = (tmp / "nowhere").string();
  auto r = discover({path});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().str() == path + ": no such file or folder");
}

TEST_CASE("corpus.discover-file-is-not-a-folder") {
  std::string path = kSeed000File.string();
  auto r = discover({path});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == path);
  CHECK(r.error().message.starts_with("not a folder"));
}

TEST_CASE("corpus.discover-stops-at-a-broken-case") {
  use_repo_schemas();
  TempDir tmp;
  make_case(tmp / "cases" / "good");
  write_file(tmp / "cases" / "bad" / "case.json", "{");
  auto refs = find_cases({(tmp / "cases").string()});
  REQUIRE(refs.ok());
  CHECK(refs->size() == 2);
  auto r = discover({(tmp / "cases").string()});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().file == (tmp / "cases" / "bad" / "case.json").string());
}

// fuzz-seeds (issue 6): seed files named by SHA-1, the dictionary in the format libFuzzer and AFL++
// parse, the OSS-Fuzz options, deterministic re-runs that leave exactly the new export, and the
// command line's exit codes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/files.hpp"
#include "cli/process.hpp"
#include "corpus/discover.hpp"
#include "fuzz/dictionary.hpp"
#include "fuzz/seeds.hpp"
#include "fuzz/seeds_events.hpp"
#include "fuzz/seeds_path.hpp"
#include "fuzz/split_encoding.hpp"
#include "variants/variants.hpp"

using namespace harness;
using harness::test::run_harness;
using harness::test::slurp;
using harness::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// Every regular file under `dir` (relative path -> bytes), hidden ones included.
std::map<std::string, std::string> tree(const fs::path &dir) {
  std::map<std::string, std::string> out;
  for (const auto &e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return out;
}

std::vector<corpus::Case> seed_cases() {
  auto cases = corpus::discover({SSEH_SEEDS_DIR});
  REQUIRE(cases.ok());
  REQUIRE(cases->size() >= 2);
  return std::move(*cases);
}

fuzz::SeedExport export_to(const std::vector<corpus::Case> &cases, const fs::path &dir,
                           bool zip = false) {
  fuzz::SeedOptions options;
  options.out_dir = dir;
  options.zip = zip;
  auto ex = fuzz::export_seeds(cases, options);
  INFO((ex.ok() ? std::string() : ex.error().str()));
  REQUIRE(ex.ok());
  return std::move(*ex);
}

/// One dictionary line read back as libFuzzer and AFL++ read it: name="value" with \\, \" and \xNN
/// escapes only, and only printable ASCII between the quotes. nullopt when the line breaks that.
std::optional<std::pair<std::string, std::string>> parse_dict_line(const std::string &line) {
  const size_t eq = line.find('=');
  if (eq == std::string::npos || eq == 0 || line.size() < eq + 3 || line[eq + 1] != '"' ||
      line.back() != '"')
    return std::nullopt;
  const std::string name = line.substr(0, eq);
  for (const char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return std::nullopt;
  const std::string body = line.substr(eq + 2, line.size() - eq - 3);
  std::string value;
  for (size_t i = 0; i < body.size(); ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (c < 0x20 || c > 0x7e)
      return std::nullopt;
    if (c == '"')
      return std::nullopt; // unescaped quote: AFL++ rejects it
    if (c != '\\') {
      value += body[i];
      continue;
    }
    if (i + 1 < body.size() && (body[i + 1] == '\\' || body[i + 1] == '"')) {
      value += body[++i];
    } else if (i + 3 < body.size() && body[i + 1] == 'x' &&
               std::isxdigit(static_cast<unsigned char>(body[i + 2])) &&
               std::isxdigit(static_cast<unsigned char>(body[i + 3]))) {
      value += static_cast<char>(std::stoi(body.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      return std::nullopt;
    }
  }
  if (value.empty())
    return std::nullopt;
  return std::pair{name, value};
}

} // namespace

TEST_CASE("fuzz.seeds.sha1-hex-matches-the-standard-vectors") {
  CHECK(fuzz::sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(fuzz::sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(fuzz::sha1_hex(std::string("\0\xff", 2)).size() == 40);
}

TEST_CASE("fuzz.seeds.target-names-are-plain-file-name-tokens") {
  CHECK(fuzz::valid_target_name("sse"));
  CHECK(fuzz::valid_target_name("sse_parser-fuzzer.v2"));
  CHECK(fuzz::valid_target_name(std::string(64, 'a')));
  CHECK_FALSE(fuzz::valid_target_name(std::string(65, 'a')));
  for (const char *bad : {"", ".", "..", ".hidden", "-x", "a/b", "a b", "a\\b", "a\nb"})
    CHECK_MESSAGE(!fuzz::valid_target_name(bad), bad);
}

TEST_CASE("fuzz.seeds.split-cycles-are-deterministic-and-fit-the-header") {
  const auto a = fuzz::split_cycles("seeds/000", 100000);
  CHECK(a == fuzz::split_cycles("seeds/000", 100000));
  CHECK(a != fuzz::split_cycles("seeds/004", 100000));
  REQUIRE(a.size() == 5);
  CHECK(a[0] == std::vector<uint16_t>{1});
  CHECK(a[3] == std::vector<uint16_t>{7});
  CHECK(a[4].size() == fuzz::kMaxSplitLengths); // 255 lengths cannot cover 100000 bytes of 1..4096
  for (const auto len : a[4])
    CHECK((len >= 1 && len <= 4096));
  // A short stream: the cycle stops once it covers the stream.
  const auto b = fuzz::split_cycles("x", 10).back();
  size_t sum = 0;
  for (size_t i = 0; i + 1 < b.size(); ++i)
    sum += b[i];
  CHECK(sum < 10);
  CHECK(sum + b.back() >= 10);
  CHECK_FALSE(fuzz::split_cycles("x", 0).back().empty());
}

TEST_CASE("fuzz.seeds.export-holds-streams-variants-and-split-encoded-forms") {
  const auto cases = seed_cases();
  TempDir tmp;
  const auto ex = export_to(cases, tmp.path());
  const auto files = tree(ex.seed_dir);
  CHECK(files.size() == ex.seeds);
  CHECK(ex.seeds ==
        ex.counts.streams + ex.counts.variants + ex.counts.split_encoded - ex.counts.duplicates);
  CHECK(ex.counts.streams == cases.size());
  CHECK(ex.counts.split_encoded == 5 * cases.size());
  CHECK(ex.counts.variants > 0);

  size_t largest = 0;
  std::set<std::string> contents;
  for (const auto &file : files) { // no structured binding: clang 14 cannot capture one
    CHECK_MESSAGE(file.first == fuzz::sha1_hex(file.second), file.first);
    largest = std::max(largest, file.second.size());
    contents.insert(file.second);
  }
  CHECK(ex.max_len == largest);

  for (const auto &c : cases) {
    const std::string stream(c.capture.stream());
    INFO(c.id);
    CHECK(contents.count(stream) == 1);
    // Every split cycle of the case is there, and decodes to the stream.
    for (const auto &cycle : fuzz::split_cycles(c.id, stream.size())) {
      const std::string encoded = fuzz::encode_split(cycle, stream);
      REQUIRE(contents.count(encoded) == 1);
      const auto in = fuzz::decode_split(encoded);
      CHECK(in.encoded);
      CHECK(in.stream == stream);
      CHECK(in.lengths == cycle);
    }
    // The CRLF variant applies to any stream with an LF.
    const auto offsets = fuzz::parse_events(stream).offsets;
    const auto crlf = variants::derive(variants::Kind::crlf, stream, offsets);
    REQUIRE(crlf.has_value());
    CHECK(contents.count(*crlf) == 1);
  }
  // Split-encoded seeds all decode to some case's stream.
  size_t encoded = 0;
  for (const auto &bytes : contents) {
    const auto in = fuzz::decode_split(bytes);
    if (!in.encoded)
      continue;
    ++encoded;
    CHECK(std::any_of(cases.begin(), cases.end(),
                      [&](const auto &c) { return c.capture.stream() == in.stream; }));
  }
  CHECK(encoded == 5 * cases.size());
}

TEST_CASE("fuzz.seeds.dictionary-parses-in-the-libfuzzer-and-afl-format") {
  const auto cases = seed_cases();
  TempDir tmp;
  const auto ex = export_to(cases, tmp.path());
  std::istringstream in(slurp(ex.dict_file));
  std::string line;
  std::set<std::string> names, values;
  size_t entries = 0, lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#')
      continue;
    const auto entry = parse_dict_line(line);
    INFO("line " << lineno << ": " << line);
    REQUIRE(entry.has_value());
    CHECK(entry->second.size() <= 64);
    CHECK(names.insert(entry->first).second);
    CHECK(values.insert(entry->second).second);
    ++entries;
  }
  CHECK(entries == ex.dict_entries);
  CHECK(entries <= fuzz::kMaxDictEntries);
  for (const char *want :
       {"data:", "data: ", "event:", "id:", "retry:", "[DONE]", "\r\n\r\n", "\n\n", "\xef\xbb\xbf",
        "\"choices\"", "\"choices\":", "\"delta\"", "null", "true", "false"})
    CHECK_MESSAGE(values.count(want) == 1, want);
  // The escaping round-trips bytes a plain line could not hold.
  const std::string awkward("\"\\\x01\x7f\xff", 5);
  CHECK(parse_dict_line("x=\"" + fuzz::dict_escape(awkward) + "\"")->second == awkward);
}

TEST_CASE("fuzz.seeds.options-name-the-dictionary-and-the-largest-seed") {
  const auto cases = seed_cases();
  TempDir tmp;
  const auto ex = export_to(cases, tmp.path());
  CHECK(slurp(ex.options_file) ==
        "[libfuzzer]\ndict = sse.dict\nmax_len = " + std::to_string(ex.max_len) + "\n");
  CHECK(ex.dict_file == fs::path(tmp.path()) / "sse.dict");
}

TEST_CASE("fuzz.seeds.rerun-gives-the-same-files-and-drops-stale-seeds") {
  const auto cases = seed_cases();
  TempDir tmp;
  const bool zip = fuzz::find_in_path("zip").has_value();
  const auto first = export_to(cases, tmp.path(), zip);
  const auto before = tree(tmp.path());
  const std::string stale(40, 'a');
  tmp.write("sse/" + stale, "stale seed from an earlier corpus");
  export_to(cases, tmp.path(), zip);
  const auto after = tree(tmp.path());
  CHECK_FALSE(fs::exists(fs::path(tmp.path()) / "sse" / stale));
  CHECK(after.size() == before.size()); // no staging leftovers either
  CHECK(after == before);
  if (zip)
    CHECK(after.count("sse_seed_corpus.zip") == 1);
}

TEST_CASE("fuzz.seeds.a-folder-holding-other-files-is-never-replaced") {
  const auto cases = seed_cases();
  TempDir tmp;
  tmp.write("sse/notes.txt", "mine");
  fuzz::SeedOptions options;
  options.out_dir = tmp.path();
  options.zip = false;
  const auto ex = fuzz::export_seeds(cases, options);
  REQUIRE_FALSE(ex.ok());
  CHECK(ex.error().message.find("notes.txt") != std::string::npos);
  CHECK(slurp(fs::path(tmp.path()) / "sse" / "notes.txt") == "mine");
  CHECK(tree(tmp.path()).size() == 1); // nothing else written
}

TEST_CASE("fuzz.seeds.without-zip-in-path-the-zip-is-skipped-and-a-stale-one-removed") {
  const auto cases = seed_cases();
  TempDir tmp;
  tmp.write("sse_seed_corpus.zip", "old");
  const char *old_path = std::getenv("PATH");
  const std::string saved = old_path ? old_path : "";
  setenv("PATH", (fs::path(tmp.path()) / "no-such-folder").c_str(), 1);
  fuzz::SeedOptions options;
  options.out_dir = tmp.path();
  auto ex = fuzz::export_seeds(cases, options);
  setenv("PATH", saved.c_str(), 1);
  REQUIRE(ex.ok());
  CHECK(ex->zip == fuzz::ZipOutcome::not_found);
  CHECK(ex->stale_zip_removed);
  CHECK_FALSE(fs::exists(ex->zip_file));
}

TEST_CASE("fuzz.seeds.cli-writes-the-export-and-says-what-it-wrote") {
  TempDir tmp;
  const std::string out = tmp.path() + "/out";
  const auto r = run_harness({"fuzz-seeds", SSEH_SEEDS_DIR, "-o", out, "--target", "sse_parser"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("seeds to " + out + "/sse_parser (2 streams") != std::string::npos);
  CHECK(r.out.find(out + "/sse_parser.dict (") != std::string::npos);
  CHECK(r.out.find(out + "/sse_parser.options (max_len = ") != std::string::npos);
  CHECK(fs::exists(out + "/sse_parser.dict"));
  CHECK(slurp(out + "/sse_parser.options").find("dict = sse_parser.dict\n") != std::string::npos);
  if (fuzz::find_in_path("zip")) {
    CHECK(fs::exists(out + "/sse_parser_seed_corpus.zip"));
    // The zip holds every seed, flat.
    const auto list =
        harness::test::run_program({"unzip", "-Z1", out + "/sse_parser_seed_corpus.zip"});
    if (list.started && list.exit_code == 0) {
      std::set<std::string> listed;
      std::istringstream names(list.out);
      for (std::string n; std::getline(names, n);)
        listed.insert(n);
      std::set<std::string> seeds;
      for (const auto &e : fs::directory_iterator(out + "/sse_parser"))
        seeds.insert(e.path().filename().string());
      CHECK(listed == seeds);
    }
  }
}

TEST_CASE("fuzz.seeds.cli-usage-and-io-trouble-exit-2-with-one-line") {
  auto one_line = [](const std::string &err) {
    return !err.empty() && err.find('\n') == err.size() - 1;
  };
  const auto no_output = run_harness({"fuzz-seeds", SSEH_SEEDS_DIR});
  CHECK(no_output.exit_code == 2);
  CHECK(one_line(no_output.err));
  CHECK(no_output.err.find("-o DIR") != std::string::npos);
  CHECK(no_output.out.empty());

  TempDir tmp;
  const auto bad_target =
      run_harness({"fuzz-seeds", SSEH_SEEDS_DIR, "-o", tmp.path(), "--target", "../x"});
  CHECK(bad_target.exit_code == 2);
  CHECK(one_line(bad_target.err));

  // A case whose case.json is not JSON: the line names the file and the byte offset.
  const std::string broken = tmp.write("corpus/broken/case.json", "{\"case_format\": 1,,}");
  const auto bad_case =
      run_harness({"fuzz-seeds", tmp.path() + "/corpus", "-o", tmp.path() + "/o"});
  CHECK(bad_case.exit_code == 2);
  CHECK(one_line(bad_case.err));
  CHECK(bad_case.err.find(broken) != std::string::npos);
  CHECK(bad_case.err.find("byte ") != std::string::npos);

  // The output folder is a file.
  const std::string file = tmp.write("a-file", "x");
  const auto not_dir = run_harness({"fuzz-seeds", SSEH_SEEDS_DIR, "-o", file});
  CHECK(not_dir.exit_code == 2);
  CHECK(one_line(not_dir.err));
  CHECK(not_dir.err.find(file) != std::string::npos);

  // Output inside the corpus named (a copy of it): refused before anything is written.
  fs::create_directories(tmp.path() + "/copy/seeds");
  fs::copy(SSEH_SEEDS_DIR, tmp.path() + "/copy/seeds", fs::copy_options::recursive);
  const auto before = tree(tmp.path() + "/copy");
  const auto inside =
      run_harness({"fuzz-seeds", tmp.path() + "/copy", "-o", tmp.path() + "/copy/seeds/out"});
  CHECK(inside.exit_code == 2);
  CHECK(one_line(inside.err));
  CHECK(tree(tmp.path() + "/copy") == before);
}

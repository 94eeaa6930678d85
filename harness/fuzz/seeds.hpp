#pragma once
// fuzz-seeds: the corpus exported as fuzzer seeds, in the layout libFuzzer, AFL++ and OSS-Fuzz
// read. Under the output folder DIR, for a target NAME (default "sse"):
//   DIR/NAME/<sha1>            one file per distinct seed, named by the lowercase hex SHA-1 of its
//                              bytes; exactly this export's seeds (the folder is replaced whole)
//   DIR/NAME.dict              the dictionary (dictionary.hpp)
//   DIR/NAME.options           OSS-Fuzz options: `[libfuzzer]`, `dict = NAME.dict`,
//                              `max_len = ` the largest seed's size
//   DIR/NAME_seed_corpus.zip   the seed files, flat, when the `zip` program is in PATH (what an
//                              OSS-Fuzz build.sh copies to $OUT)
// The seeds of a case: its stream; each metamorphic variant that applies (variants.hpp); and the
// stream split-encoded (split_encoding.hpp) with the length cycles {1}, {2}, {3}, {7} and one
// pseudo-random cycle seeded from the case id, so a fuzzer starts from real feed boundaries too.
// The same cases always give the same files, byte for byte.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"

namespace harness::fuzz {

/// Lowercase hex SHA-1 of `bytes` (40 characters), through OpenSSL's EVP interface. OpenSSL
/// failing to hash (it cannot, short of running out of memory) throws std::runtime_error.
std::string sha1_hex(std::string_view bytes);

/// True for a name usable as a target and in file names: 1 to 64 characters from [A-Za-z0-9_.-],
/// starting with a letter or digit.
bool valid_target_name(std::string_view name);

/// The split-encoding length cycles for a stream of `stream_size` bytes of case `case_id`: {1},
/// {2}, {3}, {7}, then split's random slice sizes (split.hpp, mostly 1..16, sometimes up to 4096)
/// from a generator seeded with a hash of the id, until they cover the stream or 255 are drawn (at
/// least one). Every length fits uint16_t.
std::vector<std::vector<uint16_t>> split_cycles(std::string_view case_id, size_t stream_size);

struct SeedCounts {
  size_t streams = 0;       ///< cases' streams as they are
  size_t variants = 0;      ///< metamorphic variants that applied
  size_t split_encoded = 0; ///< split-encoded forms
  size_t duplicates = 0;    ///< seeds equal to one produced before (dropped)
};

struct SeedSet {
  std::map<std::string, std::string> files; ///< SHA-1 hex -> bytes; the distinct seeds
  SeedCounts counts;  ///< produced per kind; files.size() == their sum minus duplicates
  size_t max_len = 0; ///< the largest seed's size
};

/// Every seed of every case (see the top of this file). Pure: reads nothing, writes nothing.
SeedSet collect_seeds(const std::vector<corpus::Case> &cases);

/// The OSS-Fuzz options file for `target`.
std::string options_text(std::string_view target, size_t max_len);

struct SeedOptions {
  std::filesystem::path out_dir; ///< DIR; created (with parents) when missing
  std::string target = "sse";    ///< NAME
  bool zip = true;               ///< write NAME_seed_corpus.zip when `zip` is in PATH
};

enum class ZipOutcome { written, disabled, not_found };

struct SeedExport {
  SeedCounts counts;
  size_t seeds = 0;        ///< files in seed_dir
  size_t max_len = 0;      ///< as written to the options file
  size_t dict_entries = 0; ///< entries in the dictionary
  std::filesystem::path seed_dir, dict_file, options_file, zip_file;
  ZipOutcome zip = ZipOutcome::disabled;
  bool stale_zip_removed = false; ///< no zip written, and one from an earlier export was removed
};

/// Writes the export for `cases` under options.out_dir (see the top of this file). Nothing outside
/// the four names above (and hidden ".NAME..." staging names, removed afterwards) is touched, and
/// the cases are only read.
///
/// Order: the seeds are staged in a hidden folder beside DIR/NAME; then the dictionary and options
/// are written atomically; then the staged folder replaces DIR/NAME with rename(); then the zip is
/// built under a hidden name and renamed into place. A failure before the rename leaves DIR/NAME as
/// it was; when no zip is written (disabled, zip not in PATH, zip failing), a NAME_seed_corpus.zip
/// from an earlier export is removed, since it would no longer match the seeds.
///
/// Errors, each naming the path concerned: an invalid target name; no cases; DIR not creatable or
/// not a folder; DIR/NAME existing but not a folder, or holding anything but seed files (40-hex
/// names), which is never replaced; any write, rename or removal failing; zip failing (with the
/// first line it printed).
Result<SeedExport> export_seeds(const std::vector<corpus::Case> &cases, const SeedOptions &options);

} // namespace harness::fuzz

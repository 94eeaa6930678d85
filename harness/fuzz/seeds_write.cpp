// export_seeds: the filesystem half of fuzz-seeds (staging, atomic writes, the zip).
#include "fuzz/seeds.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients/process.hpp"
#include "corpus/atomic_write.hpp"
#include "fuzz/dictionary.hpp"
#include "fuzz/seeds_path.hpp"

namespace harness::fuzz {

namespace {

namespace fs = std::filesystem;

/// Seed files get this modification time (2000-01-01T00:00:00Z), so the zip, which records it,
/// is the same bytes on every export.
constexpr time_t kSeedTime = 946684800;
/// zip is run with at most this many file names at a time (appending after the first batch).
constexpr size_t kZipBatch = 512;
constexpr auto kZipTimeout = std::chrono::minutes(10);

Error sys_error(const fs::path &path, const std::string &what, int err) {
  return Error{path.string(), std::nullopt, what + ": " + std::strerror(err)};
}

bool is_seed_name(const std::string &name) {
  return name.size() == 40 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

/// DIR/NAME may be replaced: missing, or a folder of seed files only (an earlier export, perhaps
/// grown by a fuzzer, which names what it adds by SHA-1 too).
Status check_replaceable(const fs::path &seed_dir) {
  std::error_code ec;
  const auto st = fs::symlink_status(seed_dir, ec);
  if (st.type() == fs::file_type::not_found)
    return ok_status();
  if (st.type() != fs::file_type::directory)
    return Error{seed_dir.string(), std::nullopt, "exists and is not a folder; not replacing it"};
  for (fs::directory_iterator it(seed_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_seed_name(name) || it->symlink_status(ec).type() != fs::file_type::regular)
      return Error{seed_dir.string(), std::nullopt,
                   "holds '" + name +
                       "', which is not a seed file; the folder is replaced whole, "
                       "so choose another -o or --target"};
  }
  if (ec)
    return Error{seed_dir.string(), std::nullopt, "cannot list the folder: " + ec.message()};
  return ok_status();
}

Status write_seed(const fs::path &path, std::string_view bytes) {
  if (Status s = corpus::write_new_file(path, bytes); !s)
    return s;
  const struct timespec times[2] = {{kSeedTime, 0}, {kSeedTime, 0}};
  if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0)
    return sys_error(path, "cannot set the modification time", errno);
  return ok_status();
}

/// The first non-empty line of `text`, for a one-line message.
std::string first_line(std::string_view text) {
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    if (!line.empty())
      return std::string(line);
    if (nl == std::string_view::npos)
      break;
    text.remove_prefix(nl + 1);
  }
  return "no message";
}

/// Zips the seed files (flat, in name order, without extra attributes) into `zip_file` through a
/// hidden staging folder beside it.
Status write_zip(const fs::path &zip_program, const fs::path &seed_dir,
                 const std::map<std::string, std::string> &files, const fs::path &zip_file) {
  auto staging = corpus::make_staging(zip_file);
  if (!staging)
    return staging.error();
  const fs::path tmp = staging->path() / zip_file.filename();
  auto it = files.begin();
  while (it != files.end()) {
    std::vector<std::string> argv{zip_program.string(), "-q", "-X", "-j", tmp.string()};
    for (size_t n = 0; n < kZipBatch && it != files.end(); ++n, ++it)
      argv.push_back((seed_dir / it->first).string());
    const auto run = clients::run_process(argv, kZipTimeout);
    if (!run.started)
      return Error{zip_file.string(), std::nullopt,
                   "cannot run " + zip_program.string() + ": " + first_line(run.err)};
    if (run.exit_code != 0)
      return Error{zip_file.string(), std::nullopt,
                   "zip failed (" +
                       (run.timed_out ? std::string("timed out")
                                      : "exit code " + std::to_string(run.exit_code)) +
                       "): " + first_line(run.err + run.out)};
  }
  std::error_code ec;
  fs::rename(tmp, zip_file, ec);
  if (ec)
    return Error{zip_file.string(), std::nullopt,
                 "cannot move the zip into place: " + ec.message()};
  return corpus::sync_dir(zip_file.parent_path());
}

} // namespace

Result<SeedExport> export_seeds(const std::vector<corpus::Case> &cases,
                                const SeedOptions &options) {
  if (!valid_target_name(options.target))
    return Error{"", std::nullopt,
                 "target name '" + options.target +
                     "' is not 1 to 64 characters from A-Z a-z 0-9 _ . - starting with a letter "
                     "or digit"};
  if (cases.empty())
    return Error{"", std::nullopt, "no cases to export"};
  const fs::path &dir = options.out_dir;
  for (const auto &c : cases)
    if (path_within(dir, c.dir))
      return Error{dir.string(), std::nullopt,
                   "is inside case " + c.id + "; the corpus is never written to"};

  SeedExport ex;
  const std::string &name = options.target;
  ex.seed_dir = dir / name;
  ex.dict_file = dir / (name + ".dict");
  ex.options_file = dir / (name + ".options");
  ex.zip_file = dir / (name + "_seed_corpus.zip");

  const SeedSet seeds = collect_seeds(cases);
  ex.counts = seeds.counts;
  ex.seeds = seeds.files.size();
  ex.max_len = seeds.max_len;
  const auto entries = dictionary_entries(cases);
  ex.dict_entries = entries.size();
  const std::string dict = render_dictionary(
      entries, "sse-harness fuzz-seeds: dictionary of fuzz target " + name + ", " +
                   std::to_string(entries.size()) + " entries from " +
                   std::to_string(cases.size()) +
                   " cases.\nFormat: name=\"value\" with \\\\ \\\" \\xNN escapes (libFuzzer "
                   "-dict=, AFL++ -x).");

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec))
    return Error{dir.string(), std::nullopt,
                 "cannot create the output folder" + (ec ? ": " + ec.message() : std::string())};
  if (Status s = check_replaceable(ex.seed_dir); !s)
    return s.error();

  auto staging = corpus::make_staging(ex.seed_dir);
  if (!staging)
    return staging.error();
  for (const auto &[sha1, bytes] : seeds.files)
    if (Status s = write_seed(staging->path() / sha1, bytes); !s)
      return s.error();
  if (Status s = corpus::write_file_atomic(ex.dict_file, dict); !s)
    return s.error();
  if (Status s = corpus::write_file_atomic(ex.options_file, options_text(name, ex.max_len)); !s)
    return s.error();
  if (Status s = staging->install(ex.seed_dir, true); !s)
    return Error{ex.seed_dir.string(), std::nullopt,
                 "cannot put the new seed folder in place: " + s.error().message};

  const auto zip_program = options.zip ? find_in_path("zip") : std::nullopt;
  ex.zip = !options.zip  ? ZipOutcome::disabled
           : zip_program ? ZipOutcome::written
                         : ZipOutcome::not_found;
  if (zip_program) {
    if (Status s = write_zip(*zip_program, ex.seed_dir, seeds.files, ex.zip_file); !s) {
      fs::remove(ex.zip_file, ec); // an earlier export's zip would no longer match the seeds
      return s.error();
    }
  } else if (fs::symlink_status(ex.zip_file, ec).type() == fs::file_type::regular) {
    fs::remove(ex.zip_file, ec);
    if (ec)
      return Error{ex.zip_file.string(), std::nullopt,
                   "is from an earlier export and cannot be removed: " + ec.message()};
    ex.stale_zip_removed = true;
  }
  return ex;
}

} // namespace harness::fuzz

// Writing a new case folder the way `import` does, for every writer of new cases (import, record,
// import-crash; import.hpp "the pieces import is made of"): the case name checked, the target
// checked, the folder staged beside its place, validated, blessed and renamed into place, and
// nothing left behind on failure.
#include "corpus/import.hpp"

#include <system_error>
#include <utility>

#include "corpus/atomic_write.hpp"
#include "corpus/case_writer.hpp"
#include "corpus/discover.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

/// The id discovery will give the case: relative to the nearest ancestor named `corpus`.
std::string case_id_for(const fs::path &target, std::string_view name) {
  std::error_code ec;
  fs::path abs = fs::absolute(target, ec);
  abs = (ec ? target : abs).lexically_normal();
  for (fs::path p = abs.parent_path(); p.has_parent_path() && p.parent_path() != p;
       p = p.parent_path())
    if (p.filename() == kCorpusFolderName)
      return abs.lexically_relative(p).generic_string();
  return std::string(name);
}

/// Whether `dir` is one case folder: it holds case.json and no folder below it does.
bool is_single_case(const fs::path &dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || !fs::is_regular_file(dir / kCaseFile, ec))
    return false;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec))
    if (it->is_directory(ec) && fs::is_regular_file(it->path() / kCaseFile, ec))
      return false;
  return !ec;
}

/// Removes, on destruction, the folders it created (deepest first) unless released.
class CreatedDirs {
public:
  Status create_parents(const fs::path &dir) {
    std::vector<fs::path> missing;
    std::error_code ec;
    for (fs::path p = dir; !p.empty() && fs::symlink_status(p, ec).type() == fs::file_type::not_found;
         p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path())
        break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (!fs::create_directory(*it, ec) && ec)
        return Error{it->string(), std::nullopt, "cannot create folder: " + ec.message()};
      created_.push_back(*it);
    }
    return ok_status();
  }
  void release() { created_.clear(); }
  ~CreatedDirs() {
    std::error_code ec;
    for (auto it = created_.rbegin(); it != created_.rend(); ++it)
      fs::remove(*it, ec); // only removes an empty folder
  }

private:
  std::vector<fs::path> created_;
};

} // namespace

Status check_case_name(std::string_view name) {
  auto bad = [&](const std::string &why) {
    return Error{std::string(name), std::nullopt, "not a usable case name: " + why};
  };
  if (name.empty())
    return bad("it is empty");
  if (name.front() == '/')
    return bad("it must be relative to the corpus");
  if (name.find('\\') != std::string_view::npos || name.find('\0') != std::string_view::npos)
    return bad("it holds '\\' or NUL");
  size_t at = 0;
  while (at <= name.size()) {
    size_t slash = name.find('/', at);
    if (slash == std::string_view::npos)
      slash = name.size();
    const std::string_view part = name.substr(at, slash - at);
    if (part.empty())
      return bad("it has an empty component");
    if (part == "." || part == "..")
      return bad("it has a '" + std::string(part) + "' component");
    if (part.front() == '.')
      return bad("component '" + std::string(part) +
                 "' starts with '.' (hidden folders are not searched for cases)");
    at = slash + 1;
  }
  return ok_status();
}

Result<std::filesystem::path> check_case_target(const std::string &case_name,
                                                const std::filesystem::path &corpus_dir,
                                                bool force) {
  if (Status s = check_case_name(case_name); !s)
    return s.error();
  fs::path target = corpus_dir / case_name;
  std::error_code ec;
  const bool exists = fs::symlink_status(target, ec).type() != fs::file_type::not_found;
  if (exists && !force)
    return Error{target.string(), std::nullopt, "already exists (use --force to replace it)"};
  if (exists && !is_single_case(target))
    return Error{target.string(), std::nullopt,
                 "exists and is not a single case folder; --force only replaces a case"};
  return target;
}

Result<WrittenCase> write_new_case(const NewCase &nc, const rapidjson::Document &doc) {
  Result<fs::path> checked = check_case_target(nc.case_name, nc.corpus_dir, nc.force);
  if (!checked)
    return checked.error();
  const fs::path target = *checked;
  const std::string id = case_id_for(target, nc.case_name);

  Result<std::vector<Deviation>> deviations =
      load_deviations(nc.deviations ? *nc.deviations : deviations_path_for(target));
  if (!deviations)
    return deviations.error();

  CreatedDirs parents;
  if (Status s = parents.create_parents(target.parent_path()); !s)
    return s.error();
  Result<StagingDir> staging = make_staging(target);
  if (!staging)
    return staging.error();
  const fs::path dir = staging->path();
  for (const auto &[name, bytes] : nc.files)
    if (Status s = write_new_file(dir / name, bytes); !s)
      return s.error();
  if (Status s = write_new_file(dir / kCaseFile, render_case_json(doc)); !s)
    return s.error();

  Result<Case> staged = load_case(dir, id);
  if (!staged)
    return Error{nc.culprit, std::nullopt,
                 "the case.json it gives would be invalid: " + staged.error().message};
  WrittenCase written{id, target, nc.bless && (!nc.may_bless || nc.may_bless(dir)), Blessing{}};
  if (written.blessed) {
    Result<Blessing> blessing = bless_case(*staged, *deviations);
    if (!blessing)
      return blessing.error();
    if (blessing->reference.events == 0 && nc.no_events)
      return *nc.no_events;
    if (Status s = write_blessing(*staged, *blessing); !s)
      return s.error();
    if (Result<Case> final_case = load_case(dir, id); !final_case)
      return Error{nc.culprit, std::nullopt,
                   "the blessed case.json would be invalid: " + final_case.error().message};
    written.blessing = std::move(blessing.value());
  }
  if (Status s = staging->install(target, nc.force); !s)
    return s.error();
  parents.release();
  return written;
}

} // namespace harness::corpus

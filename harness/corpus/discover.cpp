#include "corpus/discover.hpp"

#include <algorithm>
#include <optional>

#include "corpus/deviations.hpp" // kCorpusFolderName

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

bool is_case_dir(const fs::path &dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / kCaseFile, ec);
}

/// Absolute, normalised, without a trailing separator.
fs::path absolute_dir(const fs::path &path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec)
    abs = path;
  abs = abs.lexically_normal();
  if (abs.filename().empty() && abs.has_parent_path() && abs != abs.root_path())
    abs = abs.parent_path();
  return abs;
}

/// The nearest ancestor of `case_dir` named `corpus`.
std::optional<fs::path> corpus_root(const fs::path &case_dir) {
  fs::path p = case_dir.parent_path();
  for (;;) {
    if (p.filename() == kCorpusFolderName)
      return p;
    if (!p.has_parent_path() || p.parent_path() == p)
      return std::nullopt;
    p = p.parent_path();
  }
}

/// Collects the case folders below `dir` (not `dir` itself).
Status search(const fs::path &dir, const std::string &named, std::vector<fs::path> &found) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec)
    return Error{named, std::nullopt, "cannot list folder " + dir.string() + ": " + ec.message()};
  std::vector<fs::path> children;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec)
      break;
    const fs::directory_entry &entry = *it;
    std::error_code kind_ec;
    if (entry.is_symlink(kind_ec) || !entry.is_directory(kind_ec))
      continue;
    if (entry.path().filename().string().starts_with("."))
      continue;
    children.push_back(entry.path());
  }
  if (ec)
    return Error{named, std::nullopt, "cannot list folder " + dir.string() + ": " + ec.message()};
  std::sort(children.begin(), children.end());
  for (const fs::path &child : children) {
    if (is_case_dir(child)) {
      found.push_back(child);
    } else if (Status s = search(child, named, found); !s) {
      return s;
    }
  }
  return ok_status();
}

Status collect(const std::string &named, std::vector<CaseRef> &out) {
  std::error_code ec;
  fs::file_status st = fs::status(named, ec);
  if (st.type() == fs::file_type::not_found)
    return Error{named, std::nullopt, "no such file or folder"};
  if (ec)
    return Error{named, std::nullopt, "cannot read: " + ec.message()};
  if (st.type() != fs::file_type::directory)
    return Error{named, std::nullopt,
                 "not a folder (name a case folder, which holds case.json, or a folder of cases)"};

  const fs::path dir = absolute_dir(named);
  if (is_case_dir(dir)) {
    std::optional<fs::path> root = corpus_root(dir);
    std::string id =
        root ? dir.lexically_relative(*root).generic_string() : dir.filename().generic_string();
    out.push_back(CaseRef{std::move(id), dir});
    return ok_status();
  }

  std::vector<fs::path> found;
  if (Status s = search(dir, named, found); !s)
    return s;
  if (found.empty())
    return Error{named, std::nullopt,
                 "not a case and contains no cases (a case folder holds case.json)"};
  for (fs::path &case_dir : found) {
    const fs::path base = corpus_root(case_dir).value_or(dir);
    out.push_back(CaseRef{case_dir.lexically_relative(base).generic_string(), std::move(case_dir)});
  }
  return ok_status();
}

} // namespace

Result<std::vector<CaseRef>> find_cases(const std::vector<std::string> &paths) {
  std::vector<CaseRef> refs;
  for (const std::string &path : paths)
    if (Status s = collect(path, refs); !s)
      return s.error();

  std::stable_sort(refs.begin(), refs.end(),
                   [](const CaseRef &a, const CaseRef &b) { return a.id < b.id; });
  std::vector<CaseRef> unique;
  for (CaseRef &ref : refs) {
    if (!unique.empty() && unique.back().id == ref.id) {
      std::error_code ec;
      if (unique.back().dir == ref.dir || fs::equivalent(unique.back().dir, ref.dir, ec))
        continue;
      return Error{ref.dir.string(), std::nullopt,
                   "case id \"" + ref.id + "\" is also the id of " + unique.back().dir.string()};
    }
    unique.push_back(std::move(ref));
  }
  return unique;
}

Result<std::vector<Case>> discover(const std::vector<std::string> &paths) {
  Result<std::vector<CaseRef>> refs = find_cases(paths);
  if (!refs)
    return refs.error();
  std::vector<Case> cases;
  cases.reserve(refs->size());
  for (CaseRef &ref : refs.value()) {
    Result<Case> c = load_case(ref.dir, std::move(ref.id));
    if (!c)
      return c.error();
    cases.push_back(std::move(c.value()));
  }
  return cases;
}

} // namespace harness::corpus

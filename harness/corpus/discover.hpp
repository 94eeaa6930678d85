#pragma once
// Finding cases on disk: the user names case folders or folders of cases.
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "corpus/case.hpp"

namespace harness::corpus {

/// A case folder found on disk, not loaded yet.
struct CaseRef {
  std::string id;
  std::filesystem::path dir;
};

/// Each path is either a case folder (it holds case.json) or a folder searched recursively for case
/// folders. The search does not descend into case folders, folders whose name starts with '.', or
/// symbolic links to folders.
///
/// Ids use '/' and do not depend on the working directory or on which folder was named: a case's id
/// is its folder's path relative to its nearest ancestor named `corpus` (naming corpus/,
/// corpus/seeds/ or the case folder itself all give "seeds/000_c359a6ca5f32f75d"). Without such an
/// ancestor, a case found by searching is named relative to the searched folder, and a case folder
/// named directly by its own folder name.
///
/// The result is sorted by id; a case reached twice is listed once. Errors, naming the path as
/// given: a missing path; a file that is not a folder; a folder that is not a case and contains
/// none; an unreadable folder; two different folders with the same id.
Result<std::vector<CaseRef>> find_cases(const std::vector<std::string> &paths);

/// find_cases, then load_case on each, in id order. Stops at the first error.
Result<std::vector<Case>> discover(const std::vector<std::string> &paths);

} // namespace harness::corpus

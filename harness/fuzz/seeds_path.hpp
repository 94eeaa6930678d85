#pragma once
// Path questions fuzz-seeds asks before writing: where a program is, and whether the output folder
// would land inside the corpus.
#include <filesystem>
#include <optional>
#include <string_view>

namespace harness::fuzz {

/// The executable regular file `program` in a folder of $PATH (an empty entry is the current
/// folder), the first in PATH order; nullopt when there is none or PATH is unset.
std::optional<std::filesystem::path> find_in_path(std::string_view program);

/// True when `inner` is `outer` or lies under it, compared after resolving both (symbolic links,
/// "..", relative to the current folder; parts that do not exist yet are taken as written).
bool path_within(const std::filesystem::path &inner, const std::filesystem::path &outer);

} // namespace harness::fuzz

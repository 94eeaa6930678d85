#include "cli/deviation_lookup.hpp"

#include <filesystem>

#include "cli/common.hpp"
#include "pipeline/implementation.hpp"

namespace harness::cli {

struct DeviationTable::State {
  std::vector<corpus::Deviation> entries;
  std::vector<bool> matched;
  std::vector<bool> deviated;
};

DeviationTable::DeviationTable(std::vector<corpus::Deviation> entries)
    : state_(std::make_shared<State>()) {
  state_->matched.assign(entries.size(), false);
  state_->deviated.assign(entries.size(), false);
  state_->entries = std::move(entries);
  auto state = state_;
  lookup = [state](std::string_view case_id, std::string_view impl,
                   std::string_view variant) {
    std::vector<check::DeviationView> views;
    for (size_t i = 0; i < state->entries.size(); ++i) {
      const auto &d = state->entries[i];
      if (!corpus::matches(d, case_id, impl) || d.variant.value_or("") != variant)
        continue;
      state->matched[i] = true;
      check::DeviationView view{i, d.reason, d.link, nullptr, d.fields, d.names_one_case()};
      if (d.expect && d.expect->IsObject() && d.expect->MemberCount() > 0)
        view.expect = d.expect.get();
      views.push_back(std::move(view));
    }
    return views;
  };
}

void DeviationTable::deviated(const std::vector<size_t> &entries) {
  for (size_t i : entries)
    if (i < state_->deviated.size())
      state_->deviated[i] = true;
}

std::vector<std::string> DeviationTable::stale(bool variants_checked) const {
  std::vector<std::string> out;
  for (size_t i = 0; i < state_->entries.size(); ++i) {
    const auto &d = state_->entries[i];
    if (state_->deviated[i] || (d.variant && !variants_checked))
      continue;
    out.push_back("deviation entry " + std::to_string(i) + " (" + d.impl + " on " + d.case_glob +
                  (d.variant ? ", variant " + *d.variant : "") + ") " +
                  (state_->matched[i] ? "matched only cases that gave the expected result"
                                      : "matched nothing") +
                  " in this run");
  }
  return out;
}

std::string default_deviations_file() {
  return (std::filesystem::path(default_corpus_dir()) / corpus::kDeviationsFile).string();
}

Result<DeviationTable> load_deviation_lookup(const std::string &path) {
  auto entries = corpus::load_deviations(path);
  if (!entries)
    return entries.error();
  for (size_t i = 0; i < entries->size(); ++i) {
    const auto &d = (*entries)[i];
    const std::string where = "/deviations/" + std::to_string(i);
    if (!pipeline::find_implementation(d.impl))
      return Error{path, std::nullopt, where + ": no implementation is named '" + d.impl + "'"};
    if (d.reason.empty())
      return Error{path, std::nullopt, where + ": every deviation needs a reason"};
  }
  return DeviationTable(std::move(*entries));
}

} // namespace harness::cli

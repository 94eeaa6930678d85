#include "cli/deviation_lookup.hpp"

#include <algorithm>
#include <filesystem>

#include "corpus/bless.hpp"

#include "cli/common.hpp"
#include "clients/client.hpp"
#include "pipeline/implementation.hpp"
#include "serve/wire.hpp"
#include "variants/variants.hpp"

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
      if (!corpus::matches(d, case_id, impl) ||
          !corpus::glob_match(d.variant.value_or(""), variant))
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

std::vector<report::UnusedDeviation>
DeviationTable::unused(bool variants_checked,
                       const std::function<bool(std::string_view)> &in_run) const {
  std::vector<report::UnusedDeviation> out;
  for (size_t i = 0; i < state_->entries.size(); ++i) {
    const auto &d = state_->entries[i];
    if (state_->deviated[i] || (d.variant && !variants_checked) || !in_run(d.impl))
      continue;
    out.push_back({i, d.impl + " on " + d.case_glob + (d.variant ? ", variant " + *d.variant : ""),
                   state_->matched[i]});
  }
  return out;
}

std::string default_deviations_file() {
  return (std::filesystem::path(default_corpus_dir()) / corpus::kDeviationsFile).string();
}

namespace {

/// Why an entry's variant can never match, or "" when it can: an implementation's variant names a
/// metamorphic variant; a client's is wire options (both may be patterns with '*').
std::string variant_problem(const corpus::Deviation &d) {
  if (!d.variant || d.variant->find('*') != std::string::npos)
    return "";
  if (pipeline::find_implementation(d.impl)) {
    for (const auto &v : variants::variants())
      if (v.name == *d.variant)
        return "";
    return "'" + *d.variant + "' is not a metamorphic variant (see check --variants)";
  }
  auto wire = serve::parse_wire_options(*d.variant, serve::WireOptions{});
  if (!wire)
    return wire.error().message;
  // Runs whose bytes and status are the stream's own are judged as the case's own stream (their
  // variant is "", clients/judge.hpp variant_of), whatever the write sizes, delays or stalls.
  using Kind = serve::Fault::Kind;
  if (wire->fault.kind == Kind::none || wire->fault.kind == Kind::stall)
    return "'" + *d.variant + "' sends the stream unchanged, and such runs are judged as the " +
           "case's own stream: leave the variant out";
  return "";
}

} // namespace

Result<DeviationTable> load_deviation_lookup(const std::string &path,
                                             const std::vector<std::string> &extra_names) {
  auto entries = corpus::load_deviations(path);
  if (!entries)
    return entries.error();
  for (size_t i = 0; i < entries->size(); ++i) {
    const auto &d = (*entries)[i];
    const std::string where = "/deviations/" + std::to_string(i);
    if (!pipeline::find_implementation(d.impl) && !clients::find_client(d.impl) &&
        std::find(extra_names.begin(), extra_names.end(), d.impl) == extra_names.end())
      return Error{path, std::nullopt,
                   where + ": no implementation or client is named '" + d.impl + "'"};
    if (d.reason.empty())
      return Error{path, std::nullopt, where + ": every deviation needs a reason"};
    if (auto bad = variant_problem(d); !bad.empty())
      return Error{path, std::nullopt, where + "/variant: " + bad};
  }
  return DeviationTable(std::move(*entries));
}

/// Whether the run checks the whole corpus the deviations file belongs to: no paths (the bundled
/// corpus), or only paths that are that corpus's folder.
bool covers_corpus(const cxxopts::ParseResult &opts, const std::string &deviations_file) {
  if (!opts.count("paths"))
    return true;
  std::error_code ec;
  const auto root = std::filesystem::path(deviations_file).parent_path();
  for (const auto &p : opts["paths"].as<std::vector<std::string>>())
    if (!std::filesystem::equivalent(p, root.empty() ? "." : root, ec))
      return false;
  return true;
}

/// --deviations, else the file of the corpus the first path is in (a folder named `corpus`, or
/// one inside it), else, with no path, the bundled corpus's.
std::string deviations_file_for(const cxxopts::ParseResult &opts) {
  if (opts.count("deviations"))
    return opts["deviations"].as<std::string>();
  if (!opts.count("paths"))
    return default_deviations_file();
  std::error_code ec;
  auto first = std::filesystem::absolute(opts["paths"].as<std::vector<std::string>>().front(), ec)
                   .lexically_normal();
  if (first.filename().empty())
    first = first.parent_path();
  if (first.filename() == corpus::kCorpusFolderName)
    return (first / corpus::kDeviationsFile).string();
  return corpus::deviations_path_for(first).string(); // empty: no deviations file applies
}

} // namespace harness::cli

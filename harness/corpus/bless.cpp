#include "corpus/bless.hpp"

#include <algorithm>
#include <map>

#include "check/compare.hpp"
#include "corpus/atomic_write.hpp"
#include "corpus/case_writer.hpp"
#include "corpus/expectation.hpp"
#include "dialect/sse/sse_level.hpp"
#include "pipeline/implementation.hpp"
#include "pipeline/replay.hpp"
#include "report/result_json.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;


/// The result document keys an expectation entry holds, in the result document's order.
constexpr const char *kEntryKeys[] = {"events", "done", "choices", "usage", "errors", "findings",
                                      "raised"};

Value name_value(std::string_view s, Alloc &alloc) {
  return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

using json::member;

bool contains(const std::vector<std::string> &names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// `disputed` as case.json holds it.
Value disputed_value(const std::vector<Dispute> &disputes, Alloc &alloc) {
  Value list(rapidjson::kArrayType);
  for (const Dispute &d : disputes) {
    Value entry(rapidjson::kObjectType);
    entry.AddMember("impl", name_value(d.impl, alloc), alloc);
    Value lines(rapidjson::kArrayType);
    for (const std::string &line : d.differences)
      lines.PushBack(name_value(line, alloc), alloc);
    entry.AddMember("differences", lines, alloc);
    list.PushBack(entry, alloc);
  }
  return list;
}

/// Values equal as JSON, with numbers equal when they are the same number (int 3 == uint 3).
bool same(const Value *a, const Value *b) {
  if (!a || !b)
    return a == b;
  return *a == *b;
}

} // namespace

Value expectation_entry(const StreamResult &result, Alloc &alloc) {
  rapidjson::Document doc = report::to_document(result);
  Value entry(rapidjson::kObjectType);
  for (const char *key : kEntryKeys) {
    const Value *v = member(doc, key);
    if (!v)
      continue;
    if (std::string_view(key) == "findings") {
      std::map<std::string, uint64_t> counts;
      for (const Finding &f : result.findings)
        ++counts[f.rule];
      Value findings(rapidjson::kObjectType);
      for (const auto &[rule, n] : counts)
        findings.AddMember(name_value(rule, alloc), Value(static_cast<uint64_t>(n)), alloc);
      entry.AddMember(rapidjson::StringRef(key), findings, alloc);
    } else {
      entry.AddMember(rapidjson::StringRef(key), Value(*v, alloc), alloc);
    }
  }
  return entry;
}

fs::path deviations_path_for(const fs::path &case_dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(case_dir, ec);
  if (ec)
    abs = case_dir;
  abs = abs.lexically_normal();
  if (abs.filename().empty())
    abs = abs.parent_path();
  for (fs::path p = abs.parent_path();; p = p.parent_path()) {
    if (p.filename() == kCorpusFolderName)
      return p / kDeviationsFile;
    if (!p.has_parent_path() || p.parent_path() == p)
      return {};
  }
}

Result<Blessing> bless_case(const Case &c, std::span<const Deviation> deviations) {
  const pipeline::Implementation *reference = pipeline::find_implementation(kReferenceImpl);
  if (!reference || !pipeline::handles(*reference, c.dialect))
    return Error{(c.dir / kCaseFile).string(), std::nullopt,
                 std::string("the reference implementation '") + kReferenceImpl +
                     "' is missing or does not handle the " + c.dialect + " dialect"};
  if (!c.document || !c.document->IsObject())
    return Error{(c.dir / kCaseFile).string(), std::nullopt, "case not loaded"};

  Blessing out;
  out.case_id = c.id;
  const std::string_view stream = c.capture.stream();
  out.reference = pipeline::replay(stream, *reference, c.dialect, split::Split{});

  out.document.CopyFrom(*c.document, out.document.GetAllocator());
  if (c.dialect == dialect::kSse) { // judged on event logs alone (bless_events.hpp)
    out.old_text = out.new_text = render_case_json(*c.document);
    return out;
  }
  Alloc &alloc = out.document.GetAllocator();
  const Value *old_expect = member(*c.document, "expect");
  const std::vector<std::string> old_entries = expectation_parsers(c);

  // Built aside and assembled at the end: adding members may move the ones added before.
  Value default_entry = expectation_entry(out.reference, alloc);
  std::vector<std::pair<std::string, Value>> entries;

  for (const pipeline::Implementation &impl : pipeline::implementations()) {
    const std::string name(impl.name);
    if (&impl == reference || !pipeline::handles(impl, c.dialect))
      continue;
    const StreamResult result = pipeline::replay(stream, impl, c.dialect, split::Split{});
    const rapidjson::Document result_doc = report::to_document(result);
    std::vector<std::string> differences =
        check::compare(check::judged_part(default_entry, impl.kind), result_doc);
    if (differences.empty())
      continue;
    if (contains(old_entries, name)) {
      entries.emplace_back(name, expectation_entry(result, alloc));
      out.refreshed.push_back(name);
      continue;
    }
    std::vector<const Deviation *> listed; // a variant's entry is not about this stream
    for (const Deviation &d : deviations)
      if (!d.variant && matches(d, c.id, name))
        listed.push_back(&d);
    std::vector<std::string> unacknowledged;
    for (auto &line : differences)
      if (std::none_of(listed.begin(), listed.end(), [&](const Deviation *d) {
            return covers(d->fields, difference_path(line));
          }))
        unacknowledged.push_back(std::move(line));
    if (unacknowledged.empty()) {
      out.deviating.push_back(name);
      continue;
    }
    out.disputes.push_back(Dispute{name, std::move(unacknowledged)});
  }

  // Entries bless cannot recompute stay as they were.
  for (const std::string &name : old_entries) {
    const pipeline::Implementation *impl = pipeline::find_implementation(name);
    std::string why;
    if (!impl)
      why = "no implementation of that name in this build";
    else if (!pipeline::handles(*impl, c.dialect))
      why = "it does not handle the " + c.dialect + " dialect";
    else
      continue; // recomputed above (the reference's own entry is dropped: default is its result)
    entries.emplace_back(name, Value(*member(*old_expect, name), alloc));
    out.kept.push_back("expect." + name + " kept as it was: " + why);
  }

  Value expect(rapidjson::kObjectType);
  expect.AddMember(name_value(kDefaultExpectation, alloc), default_entry, alloc);
  for (auto &[name, entry] : entries)
    expect.AddMember(name_value(name, alloc), entry, alloc);
  out.document["expect"] = expect;
  if (out.document.HasMember("disputed"))
    out.document.RemoveMember("disputed");
  if (!out.disputes.empty())
    out.document.AddMember("disputed", disputed_value(out.disputes, alloc), alloc);

  out.changed = !same(old_expect, member(out.document, "expect")) ||
                !same(member(*c.document, "disputed"), member(out.document, "disputed"));
  out.old_text = render_case_json(*c.document);
  out.new_text = render_case_json(out.document);
  return out;
}

Status write_blessing(const Case &c, const Blessing &blessing) {
  return write_file_atomic(c.dir / kCaseFile, blessing.new_text);
}

} // namespace harness::corpus

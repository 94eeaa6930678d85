#include "fuzz/crash_case.hpp"

#include <utility>

#include "corpus/bless.hpp"
#include "corpus/case.hpp"
#include "corpus/deviations.hpp"
#include "dialect/dialect.hpp"
#include "fuzz/crash_isolated.hpp"
#include "fuzz/split_encoding.hpp"

namespace harness::fuzz {

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

Value str(std::string_view s, Alloc &alloc) {
  return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

/// The dialect detect_dialect gives, asked in a forked child: the input may crash the parser
/// detect_dialect reads it with. nullopt when the child did not answer.
std::optional<std::string> isolated_dialect(std::string_view stream,
                                            std::chrono::milliseconds timeout) {
  return run_isolated([&] { return std::string(dialect::detect_dialect(stream)); }, timeout);
}

/// Whether blessing the staged case survives: bless_case run in a forked child.
bool bless_survives(const fs::path &staged, std::chrono::milliseconds timeout) {
  return run_isolated(
             [&] {
               Result<corpus::Case> c = corpus::load_case(staged, "staged");
               if (!c)
                 return std::string("load failed"); // write_new_case reports it itself
               Result<std::vector<corpus::Deviation>> devs =
                   corpus::load_deviations(corpus::deviations_path_for(staged));
               if (devs)
                 (void)corpus::bless_case(*c, *devs);
               return std::string("ok");
             },
             timeout)
      .has_value();
}

std::string plural(size_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

std::string crash_case_name(const std::string &name) {
  return std::string(kRegressFolder) + "/" + name;
}

Result<CrashCase> write_crash_case(const CrashImport &in) {
  if (Status s = corpus::check_case_name(in.case_name); !s)
    return s.error();
  const std::string case_name = crash_case_name(in.case_name);
  if (auto target = corpus::check_case_target(case_name, in.corpus_dir, in.force); !target)
    return target.error();

  const SplitInput decoded = decode_split(in.input);
  if (decoded.stream.empty())
    return Error{in.source_name, std::nullopt,
                 decoded.encoded ? "no stream bytes after the split header: nothing to store"
                                 : "empty input: nothing to store"};

  CrashCase out;
  out.stream_file = fs::path(in.case_name).filename().string() + ".sse";
  out.stream_size = decoded.stream.size();
  if (!decoded.lengths.empty()) {
    std::string spec = "feeds:";
    for (size_t i = 0; i < decoded.lengths.size(); ++i)
      spec += (i ? "," : "") + std::to_string(decoded.lengths[i]);
    out.splits.push_back(std::move(spec));
  }
  if (auto d = isolated_dialect(decoded.stream, in.timeout)) {
    out.dialect = *d;
  } else {
    out.dialect = "openai-chat";
    out.notes.push_back("detecting the dialect crashed or hung (the bug is in the tolerant "
                        "parser?); openai-chat assumed: set \"dialect\" in case.json if it is wrong");
  }

  const std::string who = in.target.empty() ? "`" + in.command + "`" : "fuzz target " + in.target;
  const std::string label = in.target.empty() ? fs::path(in.command.substr(0, in.command.find(' ')))
                                                    .filename()
                                                    .string()
                                              : in.target;
  const bool pending = in.signature.has_value();

  rapidjson::Document doc(rapidjson::kObjectType);
  Alloc &a = doc.GetAllocator();
  doc.AddMember("case_format", 1, a);
  std::string title, why;
  if (pending) {
    title = "fuzz crash: " + label + ": " + in.signature->str();
    why = "A fuzz input that makes " + who + " fail (" + in.signature->str() +
          "); kept so that the failure cannot come back unnoticed. Its expectations are pending "
          "until the bug is fixed and the case blessed.";
  } else {
    title = "fuzz crash: " + label + ": did not reproduce when imported";
    why = "A fuzz input that once made " + who +
          " fail and no longer did when it was imported (fixed first?); kept so that the failure "
          "cannot come back unnoticed.";
  }
  doc.AddMember("title", str(title, a), a);
  doc.AddMember("why", str(why, a), a);

  Value stream(rapidjson::kObjectType);
  stream.AddMember("file", str(out.stream_file, a), a);
  stream.AddMember("capture", "raw", a);
  if (!out.splits.empty()) {
    Value splits(rapidjson::kArrayType);
    for (const auto &s : out.splits)
      splits.PushBack(str(s, a), a);
    stream.AddMember("splits", splits, a);
  }
  doc.AddMember("stream", stream, a);

  std::string notes;
  if (in.minimized)
    notes = "Minimized from " + plural(in.original_size, "byte", "bytes") + " to " +
            plural(in.input.size(), "byte", "bytes") + " in " + plural(in.runs, "run", "runs") +
            " of `" + in.command + "`" + (in.exhausted ? " (the run budget ran out)" : "") +
            ", keeping only candidates with the same signature.";
  else
    notes = "Stored as found (" + plural(in.original_size, "byte", "bytes") + ", not minimized" +
            (pending ? "" : ": it did not reproduce with `" + in.command + "`") + ").";
  if (decoded.encoded)
    notes += out.splits.empty()
                 ? " The split header was dropped: the stream is fed whole."
                 : " The stream needs the feeds of its split header: stream.splits replays them.";
  if (pending)
    notes += " Expectations pending: run `sse-harness bless " + case_name +
             "` once the bug is fixed.";

  Value prov(rapidjson::kObjectType);
  prov.AddMember("source",
                 str("fuzz input " + in.source_name + " (sha1 " + in.source_sha1 + ") against " +
                         who,
                     a),
                 a);
  prov.AddMember("provider", "fuzz", a);
  prov.AddMember("model", "unknown", a);
  prov.AddMember("licence", "the project's own (generated by its fuzzer, not captured)", a);
  prov.AddMember("reconstructed", true, a);
  prov.AddMember("notes", str(notes, a), a);
  doc.AddMember("provenance", prov, a);
  doc.AddMember("request", Value(rapidjson::kNullType), a);
  doc.AddMember("dialect", str(out.dialect, a), a);
  Value tags(rapidjson::kArrayType);
  for (auto tag : {corpus::make_tag("source", "fuzz"), corpus::make_tag("fuzz", label),
                   corpus::make_tag("dialect", out.dialect)})
    if (tag)
      tags.PushBack(str(*tag, a), a);
  doc.AddMember("tags", tags, a);
  doc.AddMember("expect", Value(rapidjson::kObjectType), a);

  corpus::NewCase nc;
  nc.case_name = case_name;
  nc.corpus_dir = in.corpus_dir;
  nc.force = in.force;
  nc.culprit = in.source_name;
  nc.files.emplace_back(out.stream_file, std::string(decoded.stream));
  nc.bless = !pending;
  bool probed_ok = true;
  nc.may_bless = [&](const fs::path &staged) {
    return probed_ok = bless_survives(staged, in.timeout);
  };
  Result<corpus::WrittenCase> written = corpus::write_new_case(nc, doc);
  if (!written)
    return written.error();
  if (!pending && !probed_ok)
    out.notes.push_back("blessing crashed or hung in a child process although the input did not "
                        "reproduce with `" + in.command + "`: expectations left pending");
  out.written = std::move(written.value());
  return out;
}

} // namespace harness::fuzz

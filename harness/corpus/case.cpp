#include "corpus/case.hpp"

#include <cmath>
#include <string_view>
#include <utility>

#include "corpus/expectation.hpp"
#include "corpus/schemas.hpp"
#include "json/parse.hpp"
#include "pipeline/implementation.hpp"
#include "source/read_file.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;

std::string string_at(const rapidjson::Value &object, const char *key) {
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString())
    return {};
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

bool is_plain_file_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

/// The timing file `name` of the case in `dir`, checked against a stream of `stream_size` bytes.
Result<std::vector<Arrival>> load_timing(const fs::path &dir, const std::string &name,
                                         size_t stream_size) {
  const std::string file = (dir / name).string();
  Result<rapidjson::Document> read = json::read_document(file);
  if (!read)
    return read.error();
  const rapidjson::Document &doc = *read;
  if (!doc.IsArray())
    return Error{file, std::nullopt, "must be an array of {\"offset\", \"ms\"} entries"};
  std::vector<Arrival> out;
  out.reserve(doc.Size());
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    const rapidjson::Value &e = doc[i];
    auto bad = [&](const std::string &why) {
      return Error{file, std::nullopt, "entry " + std::to_string(i) + ": " + why};
    };
    if (!e.IsObject() || e.MemberCount() != 2 || !e.HasMember("offset") || !e.HasMember("ms"))
      return bad("must be an object with exactly \"offset\" and \"ms\"");
    const rapidjson::Value &offset = e["offset"];
    const rapidjson::Value &ms = e["ms"];
    if (!offset.IsUint64())
      return bad("\"offset\" must be an integer >= 0");
    if (!ms.IsNumber() || !(ms.GetDouble() >= 0) || ms.GetDouble() > 1e12)
      return bad("\"ms\" must be a number of milliseconds >= 0");
    Arrival a{offset.GetUint64(), std::llround(ms.GetDouble() * 1000.0)};
    if (a.offset >= stream_size)
      return bad("offset " + std::to_string(a.offset) + " is not inside the stream (" +
                 std::to_string(stream_size) + " bytes)");
    if (!out.empty() && a.offset < out.back().offset)
      return bad("offset " + std::to_string(a.offset) + " is below the previous entry's " +
                 std::to_string(out.back().offset));
    if (!out.empty() && a.microseconds < out.back().microseconds)
      return bad("ms is below the previous entry's");
    out.push_back(a);
  }
  return out;
}

} // namespace

Result<Case> load_case(const fs::path &dir, std::string id) {
  const std::string case_file = (dir / kCaseFile).string();
  Result<rapidjson::Document> read = json::read_document(case_file);
  if (!read)
    return read.error();
  auto doc = std::make_shared<rapidjson::Document>(std::move(*read));
  if (Status valid = validate_against(*doc, kCaseSchema, case_file); !valid)
    return valid.error();
  if (Status keys = check_finding_counts((*doc)["expect"], case_file); !keys)
    return keys.error();

  // The schema guarantees the shape read below.
  const rapidjson::Value &stream = (*doc)["stream"];
  const std::string stream_name = string_at(stream, "file");
  if (!is_plain_file_name(stream_name))
    return Error{case_file, std::nullopt,
                 "stream.file \"" + stream_name +
                     "\" must be a plain file name inside the case folder (no '/', no '..')"};
  std::optional<source::Format> format = source::parse_format(string_at(stream, "capture"));

  Case c;
  c.id = std::move(id);
  c.dir = dir;
  c.title = string_at(*doc, "title");
  c.why = string_at(*doc, "why");
  c.dialect = string_at(*doc, "dialect");
  for (const rapidjson::Value &tag : (*doc)["tags"].GetArray())
    c.tags.emplace_back(tag.GetString(), tag.GetStringLength());

  const rapidjson::Value &prov = (*doc)["provenance"];
  c.provenance.source = string_at(prov, "source");
  c.provenance.provider = string_at(prov, "provider");
  c.provenance.model = string_at(prov, "model");
  c.provenance.via = string_at(prov, "via");
  c.provenance.licence = string_at(prov, "licence");
  c.provenance.notes = string_at(prov, "notes");
  c.provenance.reconstructed = prov["reconstructed"].GetBool();

  Result<source::Capture> capture = source::load_capture((dir / stream_name).string(), format);
  if (!capture)
    return capture.error();
  c.capture = std::move(capture.value());
  if (const std::string timing_name = string_at(stream, "timing"); stream.HasMember("timing")) {
    if (!is_plain_file_name(timing_name))
      return Error{case_file, std::nullopt,
                   "stream.timing \"" + timing_name +
                       "\" must be a plain file name inside the case folder (no '/', no '..')"};
    Result<std::vector<Arrival>> timing = load_timing(dir, timing_name, c.capture.stream().size());
    if (!timing)
      return timing.error();
    c.timing = std::move(timing.value());
  }
  if (auto splits = stream.FindMember("splits"); splits != stream.MemberEnd()) {
    const rapidjson::Value &list = splits->value;
    for (rapidjson::SizeType i = 0; i < list.Size(); ++i) {
      Result<split::Spec> spec =
          split::parse_spec(std::string_view(list[i].GetString(), list[i].GetStringLength()));
      if (!spec)
        return Error{case_file, std::nullopt,
                     "stream.splits[" + std::to_string(i) + "]: " + spec.error().message};
      c.splits.push_back(std::move(spec.value()));
    }
  }
  Result<std::vector<ExpectedLog>> logs = load_event_logs(dir);
  if (!logs)
    return logs.error();
  for (const auto &log : logs.value())
    if (!log.impl.empty() && !pipeline::find_implementation(log.impl))
      return Error{(dir / log.file).string(), std::nullopt,
                   "names no implementation: '" + log.impl +
                       "' (see `sse-harness list`; events.jsonl applies to all)"};
  c.event_logs = std::move(logs.value());
  c.document = std::move(doc);
  return c;
}

} // namespace harness::corpus

#include "corpus/import.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "core/text.hpp"
#include "corpus/import_request.hpp"
#include "dialect/dialect.hpp"
#include "json/parse.hpp"
#include "source/capture.hpp"
#include "source/format.hpp"
#include "source/har.hpp"
#include "source/jsonl.hpp"
#include "source/read_file.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

Value str(std::string_view s, Alloc &alloc) {
  return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

std::string_view tag_kind(std::string_view tag) { return tag.substr(0, tag.find(':')); }

/// Generated tags with each kind that `meta` has replaced by meta's tags of that kind, at the
/// place of the first generated one; meta's other tags follow. Exact duplicates are dropped.
std::vector<std::string> merge_tags(const std::vector<std::string> &generated,
                                    const std::vector<std::string> &meta) {
  std::vector<std::string> out;
  std::vector<std::string_view> emitted_kinds;
  auto push = [&](const std::string &t) {
    if (std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(t);
  };
  auto emit_kind = [&](std::string_view kind) {
    if (std::find(emitted_kinds.begin(), emitted_kinds.end(), kind) != emitted_kinds.end())
      return;
    emitted_kinds.push_back(kind);
    for (const std::string &t : meta)
      if (tag_kind(t) == kind)
        push(t);
  };
  for (const std::string &g : generated) {
    const std::string_view kind = tag_kind(g);
    const bool replaced =
        std::any_of(meta.begin(), meta.end(), [&](const std::string &t) { return tag_kind(t) == kind; });
    if (replaced)
      emit_kind(kind);
    else
      push(g);
  }
  for (const std::string &t : meta)
    emit_kind(tag_kind(t));
  return out;
}

// ---- --meta -----------------------------------------------------------------------------------

Result<rapidjson::Document> load_meta(const std::string &file) {
  Result<rapidjson::Document> read = json::read_document(file);
  if (!read)
    return read.error();
  rapidjson::Document &doc = *read;
  if (!doc.IsObject())
    return Error{file, std::nullopt, "--meta must be a JSON object"};
  for (const auto &m : doc.GetObject()) {
    const std::string key(m.name.GetString(), m.name.GetStringLength());
    const Value &v = m.value;
    auto wrong = [&](const char *want) {
      return Error{file, std::nullopt, "\"" + key + "\" must be " + want};
    };
    if (key == "title" || key == "why" || key == "notes") {
      if (!v.IsString())
        return wrong("a string");
    } else if (key == "provenance") {
      if (!v.IsObject())
        return wrong("an object");
    } else if (key == "request") {
      if (!v.IsObject() && !v.IsNull())
        return wrong("an object or null");
    } else if (key == "tags") {
      if (!v.IsArray() ||
          !std::all_of(v.Begin(), v.End(), [](const Value &t) { return t.IsString(); }))
        return wrong("an array of strings");
    } else {
      return Error{file, std::nullopt,
                   "unknown key \"" + key +
                       "\" (known: title, why, provenance, request, tags, notes)"};
    }
  }
  return std::move(*read);
}

const Value *meta_member(const rapidjson::Document *meta, const char *key) {
  if (!meta)
    return nullptr;
  auto it = meta->FindMember(key);
  return it == meta->MemberEnd() ? nullptr : &it->value;
}

// ---- what the source gives --------------------------------------------------------------------

/// Everything read from SRC before anything is written.
struct Source {
  ImportFormat format = ImportFormat::raw;
  std::string stream_file; ///< name inside the case folder
  std::string file_bytes;  ///< what the stream file will hold
  std::string stream;      ///< the stream itself (== file_bytes unless markdown)
  source::Format capture = source::Format::raw;
  bool reconstructed = false;
  std::string notes;                ///< default provenance.notes
  std::optional<rapidjson::Document> request; ///< default request; nullopt = null
  std::vector<std::string> report;  ///< notes for the user
};

} // namespace

namespace {

std::string leaf_of(std::string_view case_name) {
  const size_t slash = case_name.rfind('/');
  return std::string(slash == std::string_view::npos ? case_name : case_name.substr(slash + 1));
}

Result<Source> read_source(const ImportOptions &opt) {
  Result<std::string> bytes = source::read_file(opt.source);
  if (!bytes)
    return bytes.error();
  Source s;
  s.format = opt.format ? *opt.format : detect_import_format(*bytes);
  const std::string leaf = leaf_of(opt.case_name);
  s.stream_file = leaf + ".sse";
  if (opt.har_entry && s.format != ImportFormat::har)
    return Error{opt.source, std::nullopt,
                 "--entry applies to HAR files; this one is read as " +
                     std::string(to_string(s.format))};

  switch (s.format) {
  case ImportFormat::raw:
    if (bytes->empty())
      return Error{opt.source, std::nullopt, "empty stream: the file is empty"};
    s.file_bytes = std::move(*bytes);
    s.stream = s.file_bytes;
    break;

  case ImportFormat::jsonl: {
    Result<std::string> sse = source::jsonl_to_sse(*bytes, opt.source);
    if (!sse)
      return sse.error();
    s.file_bytes = std::move(*sse);
    s.stream = s.file_bytes;
    s.reconstructed = true;
    s.notes = "Rebuilt from JSON Lines: each line written as `data: <line>` followed by a blank "
              "line; no [DONE] and no `event:` lines added.";
    break;
  }

  case ImportFormat::har: {
    Result<source::HarEntry> entry = source::read_har(*bytes, opt.source, opt.har_entry);
    if (!entry)
      return entry.error();
    if (entry->stream.empty())
      return Error{opt.source, std::nullopt,
                   "empty stream: entry " + std::to_string(entry->index) +
                       " has an empty response body"};
    std::vector<std::string> secrets;
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto &[name, value] : entry->headers)
      headers.emplace_back(name, redact_header(name, value, &secrets));
    const std::string url = redact_url(entry->url, &secrets);
    if (!secrets.empty())
      s.report.push_back(std::to_string(secrets.size()) +
                         " credential(s) in the HAR request replaced by " +
                         std::string(kRedacted));
    s.request = request_document(entry->method, url, headers, entry->body, std::nullopt);
    s.notes = "HAR entry " + std::to_string(entry->index) + " (" + entry->method + " " + url +
              (entry->started.empty() ? "" : ", started " + entry->started) + "): response " +
              std::to_string(entry->status) + ", " + entry->mime_type + ".";
    s.file_bytes = std::move(entry->stream);
    s.stream = s.file_bytes;
    break;
  }

  case ImportFormat::markdown: {
    std::string file = std::move(*bytes);
    Result<source::Capture> capture = source::make_capture(opt.source, file, source::Format::markdown);
    if (!capture)
      return capture.error();
    if (capture->stream().empty())
      return Error{opt.source, capture->stream_begin,
                   "empty stream: the fenced block holding data: lines is empty"};
    const std::string original_stream(capture->stream());
    if (auto req = find_transcript_request(file, capture->stream_begin)) {
      // The request block lies before the stream's block: redacting it leaves the stream as is.
      size_t end = req->end;
      const std::vector<std::string> missing = redact_text(file, req->begin, end, req->curl.secrets);
      if (!missing.empty())
        return Error{opt.source, req->begin,
                     "the curl command holds a credential that cannot be located for redaction "
                     "(shell-escaped?); replace it with a placeholder such as $API_KEY first"};
      if (!req->curl.secrets.empty())
        s.report.push_back(std::to_string(req->curl.secrets.size()) +
                           " credential(s) in the transcript's curl command replaced by " +
                           std::string(kRedacted) + " (in request and in the copied file)");
      s.request = request_document(req->curl.method, req->curl.url, req->curl.headers,
                                   req->curl.body, file.substr(req->begin, end - req->begin));
    }
    Result<source::Capture> again = source::make_capture(opt.source, file, source::Format::markdown);
    if (!again || again->stream() != original_stream)
      return Error{opt.source, std::nullopt,
                   "redacting the request would change the stream; nothing written"};
    s.capture = source::Format::markdown;
    s.notes = "A markdown transcript; the stream is bytes [" + std::to_string(again->stream_begin) +
              ", " + std::to_string(again->stream_end) + ") of the file.";
    s.stream = original_stream;
    s.file_bytes = std::move(file);
    std::string ext = fs::path(opt.source).extension().string();
    if (ext.empty() || ext == ".json" || ext == ".sse")
      ext = ".md";
    s.stream_file = leaf + ext;
    break;
  }
  }
  return s;
}

// ---- the case document ------------------------------------------------------------------------

rapidjson::Document build_case(const ImportOptions &opt, const Source &src,
                               const rapidjson::Document *meta, std::string_view dialect,
                               const std::string &model) {
  rapidjson::Document doc(rapidjson::kObjectType);
  Alloc &a = doc.GetAllocator();
  auto meta_string = [&](const char *key, const std::string &fallback) {
    const Value *v = meta_member(meta, key);
    return v ? std::string(v->GetString(), v->GetStringLength()) : fallback;
  };

  doc.AddMember("case_format", 1, a);
  doc.AddMember("title", str(meta_string("title", fs::path(opt.source).filename().string()), a), a);
  doc.AddMember("why", str(meta_string("why", "imported from " + opt.source), a), a);
  Value stream(rapidjson::kObjectType);
  stream.AddMember("file", str(src.stream_file, a), a);
  stream.AddMember("capture", str(source::to_string(src.capture), a), a);
  doc.AddMember("stream", stream, a);

  // Provenance: defaults, then --meta's keys over them, in the seeds' key order.
  std::vector<std::pair<std::string, Value>> prov;
  auto set = [&](const std::string &key, Value v) {
    for (auto &[k, old] : prov)
      if (k == key) {
        old = v;
        return;
      }
    prov.emplace_back(key, std::move(v));
  };
  set("source", str(opt.source, a));
  set("model", str(model.empty() ? kUnknown : std::string_view(model), a));
  set("licence", str(kUnknown, a));
  set("reconstructed", Value(src.reconstructed));
  if (!src.notes.empty())
    set("notes", str(src.notes, a));
  if (const Value *p = meta_member(meta, "provenance"))
    for (const auto &m : p->GetObject())
      set(std::string(m.name.GetString(), m.name.GetStringLength()), Value(m.value, a));
  if (const Value *n = meta_member(meta, "notes"))
    set("notes", Value(*n, a));
  if (std::none_of(prov.begin(), prov.end(), [](const auto &kv) { return kv.first == "provider"; })) {
    std::string final_model; // the provider is guessed from the model as finally recorded
    for (const auto &[k, v] : prov)
      if (k == "model" && v.IsString())
        final_model.assign(v.GetString(), v.GetStringLength());
    set("provider", str(guess_provider(final_model), a));
  }
  Value provenance(rapidjson::kObjectType);
  for (const char *key : {"source", "provider", "model", "via", "licence", "reconstructed", "notes"})
    for (auto &[k, v] : prov)
      if (k == key)
        provenance.AddMember(str(k, a), Value(v, a), a);
  for (auto &[k, v] : prov)
    if (!provenance.HasMember(str(k, a)))
      provenance.AddMember(str(k, a), Value(v, a), a);

  auto prov_string = [&](const char *key) {
    auto it = provenance.FindMember(key);
    return it != provenance.MemberEnd() && it->value.IsString()
               ? std::string(it->value.GetString(), it->value.GetStringLength())
               : std::string();
  };
  auto prov_bool = [&](const char *key) {
    auto it = provenance.FindMember(key);
    return it != provenance.MemberEnd() && it->value.IsBool() && it->value.GetBool();
  };

  // Tags: what is known about the capture, each kind replaceable by --meta.
  std::vector<std::string> generated;
  for (auto tag : {make_tag("provider", prov_string("provider")),
                   make_tag("model", prov_string("model")), make_tag("dialect", dialect),
                   make_tag("capture", prov_bool("reconstructed") ? "reconstructed"
                                       : src.format == ImportFormat::har
                                           ? "har"
                                           : source::to_string(src.capture))})
    if (tag)
      generated.push_back(*tag);
  std::vector<std::string> meta_tags;
  if (const Value *t = meta_member(meta, "tags"))
    for (const Value &tag : t->GetArray())
      meta_tags.emplace_back(tag.GetString(), tag.GetStringLength());

  doc.AddMember("provenance", provenance, a);
  Value request(rapidjson::kNullType);
  if (const Value *r = meta_member(meta, "request"))
    request.CopyFrom(*r, a);
  else if (src.request)
    request.CopyFrom(*src.request, a);
  redact_request(request, a);
  doc.AddMember("request", request, a);
  doc.AddMember("dialect", str(dialect, a), a);
  Value tags(rapidjson::kArrayType);
  for (const std::string &t : merge_tags(generated, meta_tags))
    tags.PushBack(str(t, a), a);
  doc.AddMember("tags", tags, a);
  doc.AddMember("expect", Value(rapidjson::kObjectType), a);
  return doc;
}

} // namespace

std::string_view to_string(ImportFormat format) {
  static constexpr std::array<std::string_view, 4> kNames = {"raw", "markdown", "har", "jsonl"};
  return name_of(format, kNames, "raw");
}

std::optional<ImportFormat> parse_import_format(std::string_view name) {
  for (ImportFormat f :
       {ImportFormat::raw, ImportFormat::markdown, ImportFormat::har, ImportFormat::jsonl})
    if (to_string(f) == name)
      return f;
  return std::nullopt;
}

ImportFormat detect_import_format(std::string_view bytes) {
  if (source::looks_like_har(bytes))
    return ImportFormat::har;
  if (source::looks_like_jsonl(bytes))
    return ImportFormat::jsonl;
  return source::detect_format(bytes) == source::Format::markdown ? ImportFormat::markdown
                                                                   : ImportFormat::raw;
}

Result<Imported> import_case(const ImportOptions &opt) {
  if (Result<fs::path> target = check_case_target(opt.case_name, opt.corpus_dir, opt.force); !target)
    return target.error();

  Result<Source> src = read_source(opt);
  if (!src)
    return src.error();
  std::optional<rapidjson::Document> meta;
  if (opt.meta_file) {
    auto loaded = load_meta(*opt.meta_file);
    if (!loaded)
      return loaded.error();
    meta = std::move(loaded.value());
  }

  const std::string dialect(dialect::detect_dialect(src->stream));
  const std::string model = stream_model(src->stream);
  const rapidjson::Document doc = build_case(opt, *src, meta ? &*meta : nullptr, dialect, model);

  NewCase nc;
  nc.case_name = opt.case_name;
  nc.corpus_dir = opt.corpus_dir;
  nc.force = opt.force;
  nc.deviations = opt.deviations;
  nc.culprit = opt.meta_file ? *opt.meta_file : opt.source;
  nc.files.emplace_back(src->stream_file, std::move(src->file_bytes));
  nc.no_events = Error{opt.source, std::nullopt,
                       "no SSE event in the " + std::string(to_string(src->format)) +
                           " stream (is --format right?)"};
  Result<WrittenCase> written = write_new_case(nc, doc);
  if (!written)
    return written.error();

  Imported out;
  out.case_id = std::move(written->case_id);
  out.dir = std::move(written->dir);
  out.format = src->format;
  out.dialect = dialect;
  out.stream_file = src->stream_file;
  out.blessing = std::move(written->blessing);
  out.notes = std::move(src->report);
  return out;
}

} // namespace harness::corpus

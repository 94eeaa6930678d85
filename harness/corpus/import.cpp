#include "corpus/import.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "core/text.hpp"
#include "corpus/atomic_write.hpp"
#include "corpus/case_writer.hpp"
#include "corpus/discover.hpp"
#include "corpus/import_request.hpp"
#include "dialect/dialect.hpp"
#include "json/parse.hpp"
#include "source/capture.hpp"
#include "source/format.hpp"
#include "source/har.hpp"
#include "source/jsonl.hpp"
#include "source/read_file.hpp"
#include "sse/parser.hpp"

namespace harness::corpus {

namespace {

namespace fs = std::filesystem;
using rapidjson::Value;
using Alloc = rapidjson::Document::AllocatorType;

constexpr std::string_view kUnknown = "unknown";

Value str(std::string_view s, Alloc &alloc) {
  return Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), alloc);
}

// ---- what the stream says about itself --------------------------------------------------------

/// The model named by the first event that names one: `model` (chat chunks), `message.model`
/// (Anthropic message_start) or `response.model` (Responses API).
class ModelSink final : public sse::EventSink {
public:
  void on_finding(Finding) override {}
  void on_event(const sse::Event &e) override {
    if (!model.empty())
      return;
    rapidjson::Document d;
    d.Parse<json::kParseFlags>(e.data.data(), e.data.size());
    if (d.HasParseError() || !d.IsObject())
      return;
    for (const char *holder : {"", "message", "response"}) {
      const Value *object = &d;
      if (*holder) {
        auto it = d.FindMember(holder);
        if (it == d.MemberEnd() || !it->value.IsObject())
          continue;
        object = &it->value;
      }
      auto m = object->FindMember("model");
      if (m != object->MemberEnd() && m->value.IsString() && m->value.GetStringLength() > 0) {
        model.assign(m->value.GetString(), m->value.GetStringLength());
        return;
      }
    }
  }
  std::string model;
};

} // namespace

std::string stream_model(std::string_view stream) {
  ModelSink sink;
  auto parser = sse::find_parser("tolerant")->make(sink);
  constexpr size_t kSlice = 64 * 1024;
  for (size_t at = 0; at < stream.size() && sink.model.empty(); at += kSlice)
    parser->feed(stream.substr(at, kSlice));
  if (sink.model.empty())
    parser->finish();
  return sink.model;
}

/// The API provider when a model name says it unambiguously (first-party model families only;
/// open-weight models are served by many providers).
std::string guess_provider(std::string_view model) {
  const std::string m = ascii_lower(model);
  if (m.find('/') != std::string::npos)
    return std::string(kUnknown);
  struct Family {
    std::string_view prefix, provider;
  };
  static constexpr Family kFamilies[] = {
      {"gpt-", "openai"},       {"chatgpt-", "openai"},   {"o1", "openai"},
      {"o3", "openai"},         {"o4-", "openai"},        {"claude-", "anthropic"},
      {"grok-", "xai"},         {"mistral-", "mistral"},  {"magistral-", "mistral"},
      {"codestral-", "mistral"}, {"ministral-", "mistral"}, {"pixtral-", "mistral"},
      {"devstral-", "mistral"}, {"gemini-", "google"},
  };
  for (const Family &f : kFamilies)
    if (m.starts_with(f.prefix))
      return std::string(f.provider);
  return std::string(kUnknown);
}

/// `kind:value` with value lower-cased and anything outside [a-z0-9._-] turned into '-'; nullopt
/// when nothing usable is left.
std::optional<std::string> make_tag(std::string_view kind, std::string_view value) {
  std::string v;
  for (char c : ascii_lower(value)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (ok)
      v += c;
    else if (!v.empty() && v.back() != '-')
      v += '-';
  }
  while (!v.empty() && !((v[0] >= 'a' && v[0] <= 'z') || (v[0] >= '0' && v[0] <= '9')))
    v.erase(0, 1);
  while (!v.empty() && v.back() == '-')
    v.pop_back();
  if (v.empty() || v == std::string(kUnknown))
    return std::nullopt;
  return std::string(kind) + ":" + v;
}

namespace {

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

/// `body` as JSON when it parses, else as a string.
static Value body_value(const std::string &body, Alloc &alloc) {
  rapidjson::Document parsed;
  parsed.Parse<json::kParseFlags>(body.data(), body.size());
  if (!parsed.HasParseError())
    return Value(parsed, alloc);
  return str(body, alloc);
}

rapidjson::Document request_document(const std::string &method, const std::string &url,
                                     const std::vector<std::pair<std::string, std::string>> &headers,
                                     const std::optional<std::string> &body,
                                     const std::optional<std::string> &text) {
  rapidjson::Document r(rapidjson::kObjectType);
  Alloc &a = r.GetAllocator();
  r.AddMember("method", str(method.empty() ? "GET" : method, a), a);
  r.AddMember("url", str(url, a), a);
  if (!headers.empty()) {
    Value h(rapidjson::kObjectType);
    for (const auto &[name, value] : headers) {
      auto it = h.FindMember(str(name, a));
      if (it != h.MemberEnd()) { // a repeated header: values joined as HTTP allows
        std::string joined(it->value.GetString(), it->value.GetStringLength());
        joined += ", " + value;
        it->value = str(joined, a);
      } else {
        h.AddMember(str(name, a), str(value, a), a);
      }
    }
    r.AddMember("headers", h, a);
  }
  if (body)
    r.AddMember("body", body_value(*body, a), a);
  if (text)
    r.AddMember("text", str(*text, a), a);
  return r;
}

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

#include "check/variant_check.hpp"

#include "check/compare.hpp"
#include "pipeline/replay.hpp"
#include "report/result_json.hpp"
#include "sse/whole_stream.hpp"

namespace harness::check {

namespace {

/// What a client shows: findings dropped, error positions zeroed (a variant moves bytes).
StreamResult client_view(StreamResult r) {
  r.findings.clear();
  r.events = 0; // comments and blank lines never dispatch, but a dropped final event changes this
  for (auto &e : r.errors)
    e.offset = e.event = 0;
  return r;
}

} // namespace

std::vector<VariantCheck> check_variants(std::string_view stream,
                                         const pipeline::Implementation &impl,
                                         std::string_view dialect, bool drops_unterminated,
                                         const std::vector<split::Split> &splits) {
  std::vector<VariantCheck> out;
  const auto offsets = sse::event_offsets(stream);
  const StreamResult base = client_view(pipeline::replay(stream, impl, dialect, split::Split{}));
  for (const auto &v : variants::variants()) {
    const auto bytes = variants::derive(v.kind, stream, offsets);
    if (!bytes)
      continue;
    StreamResult want = base;
    if (v.kind == variants::Kind::no_final_blank && drops_unterminated && !offsets.empty())
      want = client_view(pipeline::replay(stream.substr(0, offsets.back()), impl, dialect,
                                          split::Split{}));
    VariantCheck vc;
    vc.variant = std::string(v.name);
    auto want_doc = report::to_document(want);
    want_doc.RemoveMember("findings"); // not compared (see client_view)
    want_doc.RemoveMember("events");
    for (const auto &s : splits) {
      const StreamResult got = client_view(pipeline::replay(*bytes, impl, dialect, s));
      if (got == want)
        continue;
      for (auto &line : compare(want_doc, report::to_document(got)))
        vc.problems.push_back((s == split::Split{} ? "" : "split " + s.name() + ": ") + line);
      break; // the first split that differs says enough
    }
    vc.passed = vc.problems.empty();
    out.push_back(std::move(vc));
  }
  return out;
}

} // namespace harness::check

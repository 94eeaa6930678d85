#include "clients/judge.hpp"

#include <algorithm>

#include "check/compare.hpp"
#include "check/event_log_check.hpp"
#include "core/text.hpp"
#include "corpus/expectation.hpp"
#include "corpus/schemas.hpp"
#include "dialect/dialect.hpp"
#include "pipeline/replay.hpp"
#include "report/result_json.hpp"
#include "sse/whole_stream.hpp"

namespace harness::clients {

namespace {

using rapidjson::Document;
using rapidjson::Value;

constexpr const char *kReference = "tolerant";
constexpr const char *kResultSchema = "result.schema.json";
constexpr const char *kEventsSchema = "client-events.schema.json";

Document reference_result(std::string_view bytes, std::string_view dialect) {
  // An SSE-level case (a spec vector) is about the WHATWG rules themselves: no repairs.
  const auto *impl = pipeline::find_implementation(dialect == "sse" ? "whatwg" : kReference);
  return report::to_document(pipeline::replay(bytes, *impl, dialect, split::Split{}));
}

/// `errors` reduced to what a client can know: message and source, not stream offsets.
void reduce_errors(Value &doc, Document::AllocatorType &a) {
  if (!doc.IsObject() || !doc.HasMember("errors") || !doc["errors"].IsArray())
    return;
  for (auto &e : doc["errors"].GetArray()) {
    if (!e.IsObject())
      continue;
    e.RemoveMember("offset");
    e.RemoveMember("event");
    if (!e.HasMember("source"))
      e.AddMember("source", "event", a);
  }
}

struct Expected {
  Document doc;              ///< restricted to the fields the client is judged on
  bool must_raise = false;   ///< the plan says so, or the stream itself reports an error
  std::string why;           ///< what must surface, for the difference line
};

bool judged_on(const Client &client, std::string_view field) {
  return std::find(client.judged.begin(), client.judged.end(), field) != client.judged.end();
}

/// The expected outcome of `client` on what `plan` sends.
Expected expected_for(const corpus::Case &c, std::span<const uint64_t> starts,
                      const Client &client, const serve::Plan &plan) {
  Document full;
  const std::string_view stream = c.capture.stream();
  if (plan.status != 200) {
    full.Parse(R"({"events": 0, "done": false, "choices": [], "usage": null, "errors": []})");
  } else if (plan.body == stream) {
    if (auto e = corpus::expectation_for(c, "default"))
      full = std::move(*e);
    else
      full = reference_result(stream, c.dialect);
  } else if (plan.stream_cut) {
    full = reference_result(
        std::string_view(plan.body).substr(0, sse::finished_events_end(plan.body, starts)),
        c.dialect);
  } else {
    full = reference_result(plan.body, c.dialect);
  }
  Expected e;
  e.must_raise = plan.error_must_surface();
  e.why = plan.what_happened;
  if (!e.must_raise && full.HasMember("errors") && full["errors"].IsArray() &&
      !full["errors"].Empty()) {
    e.must_raise = true; // the producer reported an error inside the stream: SDKs raise it
    e.why = "the stream reports an error";
  }
  Document &out = e.doc;
  out.SetObject();
  auto &a = out.GetAllocator();
  for (const auto &field : client.judged) {
    if (field == "raised" && e.must_raise)
      continue; // checked on its own: any error will do
    if (!full.HasMember(field.c_str()))
      continue;
    out.AddMember(Value(field.c_str(), a), Value(full[field.c_str()], a), a);
  }
  reduce_errors(out, a);
  return e;
}

/// The document for a client that printed no document: it only raised.
Document raised_only(const std::string &message) {
  Document d;
  d.Parse(R"({"events": 0, "done": false, "choices": [], "usage": null, "errors": [],
              "findings": []})");
  d.AddMember("raised", Value(message.c_str(), d.GetAllocator()), d.GetAllocator());
  return d;
}

/// Which fields a client reported for one event, besides type and data.
struct Reported {
  bool id = false, retry = false;
};

/// A client's `sse_events` (already valid against client-events.schema.json) as an event log:
/// index = position, type "message" when left out; `reported` says which entries had an id and a
/// retry.
pipeline::EventLog client_log(const Value &log, std::vector<Reported> &reported) {
  pipeline::EventLog out;
  for (const auto &e : log["sse_events"].GetArray()) {
    pipeline::LoggedEvent ev;
    ev.index = out.size();
    ev.type = e.HasMember("type") ? std::string(e["type"].GetString(), e["type"].GetStringLength())
                                  : std::string("message");
    ev.data = std::string(e["data"].GetString(), e["data"].GetStringLength());
    reported.push_back({e.HasMember("id"), e.HasMember("retry")});
    if (e.HasMember("id"))
      ev.id = std::string(e["id"].GetString(), e["id"].GetStringLength());
    if (e.HasMember("retry"))
      ev.retry = e["retry"].IsUint64() ? std::to_string(e["retry"].GetUint64())
                                       : std::to_string(e["retry"].GetInt64());
    out.push_back(std::move(ev));
  }
  return out;
}

/// Decodes a client's event log with the reference decoder of `dialect`.
Document decode_event_log(const pipeline::EventLog &events, const Value &log,
                          std::string_view dialect) {
  const auto *impl = pipeline::find_implementation(kReference);
  auto decoder = pipeline::make_decoder(*impl, dialect);
  for (const auto &e : events) {
    sse::Event ev;
    ev.type = e.type;
    ev.data = e.data;
    ev.id = e.id;
    ev.index = e.index;
    decoder->on_event(ev);
  }
  auto result = decoder->finish();
  if (log.HasMember("raised") && log["raised"].IsString())
    result.raised = log["raised"].GetString();
  return report::to_document(result);
}

struct Reading {
  Document doc;
  bool event_log = false; ///< the client printed an event log (decoded into `doc`)
  pipeline::EventLog events; ///< that log
  std::vector<Reported> reported; ///< per event: the fields the client reported
  std::string problem; ///< not empty: the output could not be judged (outcome error)
};

/// What the client showed, as a result document.
Reading read_output(const Client &client, const ProcessOutcome &run, std::string_view dialect) {
  Reading r;
  Document parsed;
  parsed.Parse<json::kParseFlags>(run.out.data(), run.out.size());
  if (parsed.HasParseError() || !parsed.IsObject()) {
    if (run.exit_code != 0) { // no document: what it said on the way out is its outcome
      const std::string said = first_line(run.err);
      r.doc = raised_only(said.empty() ? "exit status " + std::to_string(run.exit_code) : said);
      return r;
    }
    r.problem = "exited 0 without a JSON document on stdout (" + std::to_string(run.out.size()) +
                " bytes: " + first_line(run.out) + ")";
    return r;
  }
  const bool event_log = parsed.HasMember("sse_events");
  if (client.output == Output::events && !event_log) {
    r.problem = "printed a document without \"sse_events\" (an event log was expected)";
    return r;
  }
  if (auto valid = corpus::validate_against(parsed, event_log ? kEventsSchema : kResultSchema,
                                            client.name + " output");
      !valid) {
    r.problem = valid.error().str();
    return r;
  }
  r.event_log = event_log;
  if (event_log) {
    r.events = client_log(parsed, r.reported);
    r.doc = decode_event_log(r.events, parsed, dialect);
  } else {
    r.doc = std::move(parsed);
  }
  return r;
}

bool raised_something(const Value &doc) {
  return doc.HasMember("raised") && doc["raised"].IsString();
}

std::string summary_of(const Value &doc) {
  std::string s = std::to_string(doc["events"].GetUint64()) + " events";
  if (doc["choices"].IsArray() && doc["choices"].Size() > 0 && doc["choices"][0].IsObject()) {
    const auto &t = doc["choices"][0]["text"];
    s += ", text " + std::to_string(t.GetStringLength()) + " bytes";
  }
  if (raised_something(doc))
    s += ", raised \"" + first_line(doc["raised"].GetString()) + "\"";
  return s;
}

void judge_bytes(const serve::Plan &plan, const ProcessOutcome &run, Judged &j,
                 std::vector<std::string> &differences) {
  const std::string_view want = plan.body;
  const std::string &got = run.out;
  // A reset may drop bytes that were in flight; what did arrive must still be the stream's.
  const bool prefix_ok = plan.ending == serve::Ending::reset;
  const bool same = prefix_ok ? want.compare(0, got.size(), got) == 0 && got.size() <= want.size()
                              : got == want;
  if (!same)
    differences.push_back("body: " + check::describe_string_difference(want, got) + " (" +
                          std::to_string(got.size()) + " bytes received, " +
                          std::to_string(want.size()) + " sent)");
  const bool failed = run.exit_code != 0;
  // curl knows HTTP, not SSE: an error event inside a 200 stream is just more bytes to it.
  const bool must_fail = plan.error_must_surface() && !plan.error_event;
  if (must_fail && !failed)
    differences.push_back("exit: an error must surface (" +
                          (plan.what_happened.empty() ? std::string("error") : plan.what_happened) +
                          "): exit status 0");
  if (!must_fail && failed)
    differences.push_back("exit: status " + std::to_string(run.exit_code) + ": " +
                          first_line(run.err));
  j.raised = failed ? first_line(run.err) : "";
  j.summary = std::to_string(got.size()) + " bytes" + (failed ? ", exit " + std::to_string(run.exit_code) : "");
}

} // namespace

std::string variant_of(const serve::Plan &plan, std::string_view stream,
                       const serve::WireOptions &options) {
  if (plan.status == 200 && plan.body == stream)
    return "";
  return options.name();
}

namespace {

std::shared_ptr<const Document> shared_copy(const rapidjson::Value &v) {
  auto d = std::make_shared<Document>();
  d->CopyFrom(v, d->GetAllocator());
  return d;
}

Judged judge_run(const corpus::Case &c, std::span<const uint64_t> starts, const Client &given,
                 const serve::WireOptions &options, const serve::Plan &plan,
                 const ProcessOutcome &run, const check::DeviationLookup &deviations) {
  Client client = given; // an --exec client that prints an event log is judged as SSE-level
  Judged j;
  j.row.impl = client.name;
  j.row.variant = variant_of(plan, c.capture.stream(), options);
  if (!run.started || run.timed_out || run.signal || !run.failure.empty()) {
    j.row.outcome = check::Outcome::error;
    j.row.lines.push_back(!run.started    ? "could not be run: " + run.err
                          : run.timed_out ? "hung: killed after " +
                                                std::to_string(run.elapsed.count()) + " ms"
                          : !run.failure.empty() ? run.failure
                                                 : "killed by signal " + std::to_string(run.signal) +
                                                       ": " + first_line(run.err));
    j.summary = j.row.lines.back();
    return j;
  }
  std::vector<std::string> differences;
  Document actual;
  if (client.output == Output::bytes) {
    judge_bytes(plan, run, j, differences);
  } else {
    auto reading = read_output(client, run, c.dialect);
    if (!reading.problem.empty()) {
      j.row.outcome = check::Outcome::error;
      j.row.lines.push_back(reading.problem);
      j.summary = reading.problem;
      return j;
    }
    if (reading.event_log && client.output == Output::result)
      client.judged = sse_level_fields();
    actual = std::move(reading.doc);
    reduce_errors(actual, actual.GetAllocator());
    if (!actual.HasMember("raised"))
      actual.AddMember("raised", Value(rapidjson::kNullType), actual.GetAllocator());
    // Under the default wire options a case's event log judges an SSE-level client event by
    // event; faulted options (and cases without a log) are judged on the decoded result below.
    const corpus::ExpectedLog *log = corpus::event_log_for(c.event_logs, "");
    if (reading.event_log && log && plan.status == 200 && plan.body == c.capture.stream()) {
      std::vector<corpus::ExpectedEvent> want = log->events;
      for (size_t i = 0; i < want.size() && i < reading.events.size(); ++i) {
        // A client is judged on what it exposes: EventSource has no retry, some no id.
        if (!reading.reported[i].id)
          want[i].id.reset();
        if (!reading.reported[i].retry)
          want[i].retry.reset();
      }
      if (auto d = check::event_log_difference(log->file, want, reading.events, false))
        differences.push_back(*d);
      if (raised_something(actual))
        differences.push_back("raised: expected nothing (the whole stream was sent), got \"" +
                              first_line(actual["raised"].GetString()) + "\"");
      j.raised = raised_something(actual) ? first_line(actual["raised"].GetString()) : "";
      j.summary = std::to_string(reading.events.size()) + " events (" + log->file + ")" +
                  (j.raised.empty() ? "" : ", raised \"" + j.raised + "\"");
      j.row.actual = shared_copy(actual);
    } else {
      const Expected expected = expected_for(c, starts, client, plan);
      // An SDK that raises hands its user an exception, not a partial answer: where an error must
      // surface and it did, an SDK-level client (one not judged on events) is judged on that alone.
      const bool raised_as_it_must = expected.must_raise && raised_something(actual);
      if (!(raised_as_it_must && !judged_on(client, "events")))
        differences = check::compare(expected.doc, actual);
      if (expected.must_raise) {
        const bool reported = judged_on(client, "errors") && actual["errors"].IsArray() &&
                              !actual["errors"].Empty();
        if (!raised_something(actual) && !reported)
          differences.push_back("raised: an error must surface (" + expected.why +
                                "): the client raised nothing");
      }
      j.raised = raised_something(actual) ? first_line(actual["raised"].GetString()) : "";
      j.summary = summary_of(actual);
      j.row.expected = shared_copy(expected.doc);
      j.row.actual = shared_copy(actual);
    }
  }
  if (auto devs = deviations(c.id, client.name, j.row.variant); !devs.empty()) {
    check::apply_deviations(j.row, devs, std::move(differences),
                            actual.IsObject() ? &actual : nullptr);
  } else if (!differences.empty()) {
    j.row.outcome = check::Outcome::failed;
    j.row.lines = std::move(differences);
  }
  return j;
}

} // namespace

Judged judge(const corpus::Case &c, std::span<const uint64_t> starts, const Client &client,
             const serve::WireOptions &options, const serve::Plan &plan,
             const ProcessOutcome &run, const check::DeviationLookup &deviations) {
  Judged j = judge_run(c, starts, client, options, plan, run, deviations);
  j.row.parts.push_back(check::Part{options.name(), j.row.outcome, j.row.lines});
  return j;
}

} // namespace harness::clients

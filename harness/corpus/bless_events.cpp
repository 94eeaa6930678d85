#include "corpus/bless_events.hpp"

#include "check/event_log_check.hpp"
#include "corpus/atomic_write.hpp"
#include "dialect/sse/sse_level.hpp"
#include "pipeline/replay.hpp"
#include "report/event_log_json.hpp"
#include "source/read_file.hpp"

namespace harness::corpus {

namespace {

/// Queues `text` for `file` when it differs from what the file holds.
Status queue(const Case &c, EventsBlessing &out, const std::string &file, const std::string &impl,
             const std::string &text, bool exists, std::string why) {
  EventLogWrite w{file, impl, !exists, "", text, std::move(why)};
  if (exists) {
    Result<std::string> old = source::read_file((c.dir / file).string());
    if (!old)
      return old.error();
    if (*old == text)
      return ok_status();
    w.old_text = std::move(old.value());
  }
  out.writes.push_back(std::move(w));
  return ok_status();
}

} // namespace

bool blesses_event_logs(const Case &c) {
  return c.dialect == dialect::kSse || !c.event_logs.empty();
}

Result<EventsBlessing> bless_event_logs(const Case &c) {
  const pipeline::Implementation *reference = pipeline::find_implementation(kEventReferenceImpl);
  if (!reference || !pipeline::handles(*reference, c.dialect))
    return Error{c.dir.string(), std::nullopt,
                 std::string("the event log reference '") + kEventReferenceImpl +
                     "' is missing or does not handle the " + c.dialect + " dialect"};
  const std::string_view stream = c.capture.stream();
  auto log_of = [&](const pipeline::Implementation &impl) {
    return pipeline::replay_logged(stream, impl, c.dialect, split::Split{}).events;
  };

  EventsBlessing out;
  const pipeline::EventLog ref_log = log_of(*reference);
  const ExpectedLog *base = nullptr;
  for (const auto &log : c.event_logs)
    if (log.impl.empty())
      base = &log;
  // What the other implementations are compared with: events.jsonl as it will be.
  std::vector<ExpectedEvent> effective = check::as_expected(ref_log);
  const std::string base_file = event_log_file("");
  if (!base) {
    if (auto s = queue(c, out, base_file, "", report::to_json_lines(ref_log), false, ""); !s)
      return s.error();
  } else if (auto d = check::event_log_difference(base_file, base->events, ref_log)) {
    out.disputes.push_back({kEventReferenceImpl, *d});
    effective = base->events;
  } else if (auto s = queue(c, out, base_file, "", report::to_json_lines(ref_log), true, ""); !s) {
    return s.error();
  }

  for (const pipeline::Implementation &impl : pipeline::implementations()) {
    if (!pipeline::handles(impl, c.dialect))
      continue;
    const std::string name(impl.name);
    const ExpectedLog *own = nullptr;
    for (const auto &log : c.event_logs)
      if (log.impl == name)
        own = &log;
    if (&impl == reference && !own)
      continue; // compared with events.jsonl above
    const pipeline::EventLog log = &impl == reference ? ref_log : log_of(impl);
    const std::string file = event_log_file(name);
    if (own) {
      if (auto d = check::event_log_difference(file, own->events, log))
        out.disputes.push_back({name, *d});
      else if (auto s = queue(c, out, file, name, report::to_json_lines(log), true, ""); !s)
        return s.error();
      continue;
    }
    // An implementation sharing another's SSE layer is compared with that one's log, if any.
    const ExpectedLog *shared = event_log_for(c.event_logs, name, impl.sse_layer);
    const bool via_shared = shared && !shared->impl.empty();
    const auto &against = via_shared ? shared->events : effective;
    const std::string against_file = via_shared ? event_log_file(shared->impl) : base_file;
    if (auto d = check::event_log_difference(against_file, against, log))
      if (auto s = queue(c, out, file, name, report::to_json_lines(log), false, *d); !s)
        return s.error();
  }
  return out;
}

Status write_event_logs(const Case &c, const EventsBlessing &blessing) {
  for (const auto &w : blessing.writes)
    if (auto s = write_file_atomic(c.dir / w.file, w.new_text); !s)
      return s;
  return ok_status();
}

} // namespace harness::corpus

// check.event-log-*: expected vs actual event logs name the first differing event and field; a
// field an expected entry leaves out is not compared. corpus.event-log-*: reading events*.jsonl.
#include <doctest/doctest.h>

#include <string>

#include "check/event_log_check.hpp"
#include "corpus/event_logs.hpp"

using harness::check::as_expected;
using harness::check::event_log_difference;
using harness::corpus::parse_event_log;
using harness::pipeline::EventLog;
using harness::pipeline::LoggedEvent;

namespace {

EventLog two() {
  return {LoggedEvent{0, 4, "message", "a\nb", "7", "3000"}, LoggedEvent{1, 20, "ping", "x", "7", ""}};
}

std::vector<harness::corpus::ExpectedEvent> parsed(const std::string &text) {
  auto r = parse_event_log(text, "events.jsonl");
  INFO((r ? std::string() : r.error().str()));
  REQUIRE(r.ok());
  return r.value();
}

} // namespace

TEST_CASE("check.event-log-partial-entries-compare-only-their-fields") {
  CHECK_FALSE(event_log_difference("events.jsonl", parsed("{\"data\":\"a\\nb\"}\n{\"type\":\"ping\"}\n"),
                                   two()));
  CHECK_FALSE(event_log_difference("events.jsonl", as_expected(two()), two()));
  CHECK_FALSE(event_log_difference("events.jsonl", parsed(""), EventLog{}));
}

TEST_CASE("check.event-log-names-the-first-differing-event-and-field") {
  auto d = event_log_difference("events.jsonl", parsed("{\"data\":\"a\\nb\"}\n{\"type\":\"ping\",\"id\":\"8\"}"),
                                two());
  REQUIRE(d);
  CHECK(d->rfind("events.jsonl: event 1: id: ", 0) == 0);
  d = event_log_difference("events.lines.jsonl", parsed("{\"offset\":5,\"data\":\"zzz\"}\n{}"), two());
  REQUIRE(d);
  CHECK(d->rfind("events.lines.jsonl: event 0: offset: expected 5, got 4", 0) == 0);
  // Offsets are not compared for a real client.
  d = event_log_difference("events.jsonl", parsed("{\"offset\":5,\"data\":\"zzz\"}\n{}"), two(), false);
  REQUIRE(d);
  CHECK(d->rfind("events.jsonl: event 0: data: ", 0) == 0);
  d = event_log_difference("events.jsonl", parsed("{\"retry\":300}\n{}"), two());
  REQUIRE(d);
  CHECK(*d == "events.jsonl: event 0: retry: expected 300, got 3000");
  // A complete log compares retry's absence too.
  EventLog no_retry = two();
  no_retry[0].retry.clear();
  d = event_log_difference("w", as_expected(two()), no_retry);
  REQUIRE(d);
  CHECK(*d == "w: event 0: retry: expected 3000, got none");
}

TEST_CASE("check.event-log-counts") {
  auto d = event_log_difference("events.jsonl", parsed("{}\n{}\n{\"data\":\"more\"}\n"), two());
  REQUIRE(d);
  CHECK(*d == "events.jsonl: 3 events expected, 2 dispatched; event 2 missing: {\"data\":\"more\"}");
  d = event_log_difference("events.jsonl", parsed("{}"), two());
  REQUIRE(d);
  CHECK(d->rfind("events.jsonl: 1 events expected, 2 dispatched; event 1 not expected: "
                 "{\"index\":1,\"offset\":20,\"type\":\"ping\"",
                 0) == 0);
}

TEST_CASE("corpus.event-log-file-errors-name-file-and-byte") {
  auto bad = [](const std::string &text) {
    auto r = parse_event_log(text, "x/events.jsonl");
    REQUIRE_FALSE(r.ok());
    return r.error().str();
  };
  CHECK(bad("{}\n\n{}") == "x/events.jsonl: byte 3: empty line: every line of an event log is one event");
  CHECK(bad("{}\n{\"data\": 1}") == "x/events.jsonl: byte 3: \"data\" must be a string");
  CHECK(bad("{\"index\": -1}") == "x/events.jsonl: byte 0: \"index\" must be an integer >= 0");
  CHECK(bad("{\"retry\": 1.5}") == "x/events.jsonl: byte 0: \"retry\" must be an integer");
  CHECK(bad("[]") == "x/events.jsonl: byte 0: an event must be a JSON object");
  CHECK(bad("{\"event\": \"x\"}").find("unknown key \"event\"") != std::string::npos);
  CHECK(bad("{}\n{\"data\": \"a}").rfind("x/events.jsonl: byte ", 0) == 0);
  // A final LF is optional; retry keeps its sign.
  CHECK(parsed("{\"retry\":-5}").at(0).retry == "-5");
  CHECK(parsed("{}\n").size() == 1);
  CHECK(harness::corpus::event_log_file("") == "events.jsonl");
  CHECK(harness::corpus::event_log_file("lines") == "events.lines.jsonl");
}
